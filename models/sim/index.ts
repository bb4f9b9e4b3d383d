// Public surface of the embedded OpenAI-compatible simulated model server.
export { startSimServer, buildSimApp } from './server.js';
export type { SimServerOptions, RunningSimServer } from './server.js';
export { builtInProfiles } from './profiles.js';
export { defaultEmbeddingDimensions, embedText } from './embeddings.js';
export { parseLatencyMode } from './latency.js';
export { RETRY_COUNT_HEADER, declaredAttempt } from './request-attempt.js';
export { RateLimitEnforcer } from './rate-limit-enforcer.js';
export type { Admission, RateLimitCounts, SimRateLimits } from './rate-limit-enforcer.js';
export type { SimProfile, BehaviourRates, TransportRates, LatencyModel, LatencyMode, TokenPrices } from './profile.js';
