// Public surface of models/rate-limit/: the client-side limiter, its client, and what the simulator shares with it.
export { RateLimiter, systemClock } from './rate-limiter.js';
export type { CallOutcome, LimiterClock, RateLimiterStats, RateLimitPermit, RateLimits } from './rate-limiter.js';
export { RateLimiters } from './rate-limiters.js';
export type { RateLimiterUsage } from './rate-limiters.js';
export { RateLimitedOpenAI } from './rate-limited-client.js';
export { isLimitRefusal, readRateLimitHeaders } from './rate-limit-headers.js';
export type { HeaderLookup, RateLimitHeaders } from './rate-limit-headers.js';
export { estimateRequestTokens, usageOf } from './request-estimate.js';
export type { RequestEstimate } from './request-estimate.js';
export { formatResetDuration, parseResetDuration } from './reset-duration.js';
export { TokenBucket } from './token-bucket.js';
export { BURST_SECONDS, RATE_LIMIT_RETRIES } from './constants.js';
