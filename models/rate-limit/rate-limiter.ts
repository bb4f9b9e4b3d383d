// The client side of an endpoint's rate limits: one per (endpoint, model), shared by every call of a
// run. Calls wait their turn in order under a token bucket on requests (rpm), one on estimated tokens
// (tpm) and a cap on calls in flight (maxConcurrency); the buckets start a quarter full. Every reply's `x-ratelimit-*` headers bring the
// buckets down to what the server says is left; a 429 blocks every call for the Retry-After the
// server gives and halves the pace (AIMD), which then creeps back up with each successful reply.
import {
  BURST_SECONDS,
  DECREASE_FACTOR,
  DEFAULT_EXPECTED_OUTPUT_TOKENS,
  DEFAULT_REFUSAL_WAIT_MS,
  INCREASE_STEP,
  MINIMUM_RATE_SHARE,
  OUTPUT_AVERAGE_WEIGHT,
  PACING_SHARE,
  STARTING_SHARE,
} from './constants.js';
import { readRateLimitHeaders, type HeaderLookup, type RateLimitHeaders } from './rate-limit-headers.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimits {
  /** Requests per minute. */
  rpm?: number | undefined;
  /** Tokens (prompt + completion) per minute. */
  tpm?: number | undefined;
  /** Calls in flight at once. */
  maxConcurrency?: number | undefined;
}

/** Time and timers, passed in so that tests can drive them. */
export interface LimiterClock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimer(callback: () => void, milliseconds: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: LimiterClock = {
  now: () => performance.now(),
  setTimer: (callback, milliseconds) => setTimeout(callback, Math.ceil(milliseconds)),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** How a call sent under a permit ended. */
export interface CallOutcome {
  /** The HTTP status, or undefined when no answer came (connection failure, abort). */
  status?: number | undefined;
  headers?: HeaderLookup | undefined;
  /** Tokens the call really used (prompt + completion), when the reply says. */
  usedTokens?: number | undefined;
  /** Completion tokens of the reply, when it says: they teach the estimate for requests without max_tokens. */
  completionTokens?: number | undefined;
}

export interface RateLimitPermit {
  /** The tokens this call was charged before it went. */
  readonly estimatedTokens: number;
  /** Ends the call: frees its place, corrects the buckets from the reply, and returns what the reply said. */
  settle(outcome: CallOutcome): RateLimitHeaders;
}

/** What the limiter has done so far. */
export interface RateLimiterStats {
  /** Calls let through. */
  sent: number;
  /** 429s seen. */
  refused: number;
  /** Calls that had to wait for their turn, and the milliseconds they waited in all. */
  waited: number;
  waitedMs: number;
  /** The pace now, as a share of the configured one (1 until a 429 halves it). */
  rateShare: number;
}

interface Waiter {
  tokens: number;
  enqueuedAt: number;
  resolve(permit: RateLimitPermit): void;
  reject(reason: unknown): void;
  signal?: AbortSignal | undefined;
  onAbort?: (() => void) | undefined;
}

export class RateLimiter {
  readonly limits: Readonly<RateLimits>;
  readonly #clock: LimiterClock;
  readonly #requests: TokenBucket | undefined;
  readonly #tokens: TokenBucket | undefined;
  /** The per-minute limits in force: the configured ones, lowered by what the server says its limits are. */
  #rpm: number | undefined;
  #tpm: number | undefined;
  #share = 1;
  #blockedUntil = 0;
  #inFlight = 0;
  #queue: Waiter[] = [];
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;
  /** Calls and estimated tokens sent so far: a reply's headers are older than the calls sent after it. */
  #sentCalls = 0;
  #sentTokens = 0;
  /** No decrease for a 429 of a call sent before the last decrease: one burst of 429s halves the pace once. */
  #decreasedAtCall = -1;
  #expectedOutputTokens = DEFAULT_EXPECTED_OUTPUT_TOKENS;
  readonly #stats = { sent: 0, refused: 0, waited: 0, waitedMs: 0 };

  constructor(limits: RateLimits, clock: LimiterClock = systemClock) {
    this.limits = { ...limits };
    this.#clock = clock;
    const now = clock.now();
    this.#rpm = limits.rpm;
    this.#tpm = limits.tpm;
    if (limits.rpm !== undefined) {
      const capacity = Math.max(1, (limits.rpm / 60) * BURST_SECONDS);
      this.#requests = new TokenBucket(capacity, 0, now, Math.max(1, capacity * STARTING_SHARE));
    }
    if (limits.tpm !== undefined) {
      const capacity = Math.max(1, (limits.tpm / 60) * BURST_SECONDS);
      this.#tokens = new TokenBucket(capacity, 0, now, capacity * STARTING_SHARE);
    }
    this.#applyRates(now);
  }

  /** Whether calls need a token estimate: only with a tpm. */
  get countsTokens(): boolean {
    return this.#tokens !== undefined;
  }

  /** Completion tokens to assume for a request that does not cap them with max_tokens. */
  get expectedOutputTokens(): number {
    return this.#expectedOutputTokens;
  }

  get stats(): RateLimiterStats {
    return { ...this.#stats, rateShare: this.#share };
  }

  /** Milliseconds until a call of `tokens` asked for now would go, were nothing else waiting. */
  delayMs(tokens = 0): number {
    return Math.max(0, this.#waitMs(tokens, this.#clock.now()));
  }

  /**
   * Waits for this call's turn. Rejects with the signal's reason when it aborts first. `tokens` is the
   * call's estimate (prompt + expected completion); ignored without a tpm.
   */
  acquire(tokens = 0, signal?: AbortSignal): Promise<RateLimitPermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { tokens: this.#tokens ? tokens : 0, enqueuedAt: this.#clock.now(), resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(signal.reason);
          this.#pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** Lets every call whose turn has come go, and sets one timer for the next. */
  #pump(): void {
    const now = this.#clock.now();
    while (this.#queue.length > 0) {
      if (this.limits.maxConcurrency !== undefined && this.#inFlight >= this.limits.maxConcurrency) return; // a settle pumps again
      const head = this.#queue[0]!;
      const wait = this.#waitMs(head.tokens, now);
      if (wait > 0) {
        this.#schedule(now, wait);
        return;
      }
      this.#queue.shift();
      if (head.onAbort) head.signal!.removeEventListener('abort', head.onAbort);
      head.resolve(this.#admit(head, now));
    }
  }

  #waitMs(tokens: number, now: number): number {
    let wait = this.#blockedUntil - now;
    if (this.#requests) wait = Math.max(wait, this.#requests.waitMs(1, now));
    if (this.#tokens && tokens > 0) wait = Math.max(wait, this.#tokens.waitMs(tokens, now));
    return wait;
  }

  #schedule(now: number, wait: number): void {
    const at = now + wait;
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timerAt = at;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#pump();
    }, wait);
  }

  #admit(waiter: Waiter, now: number): RateLimitPermit {
    this.#requests?.adjust(-1, now);
    if (this.#tokens && waiter.tokens > 0) this.#tokens.adjust(-waiter.tokens, now);
    this.#inFlight += 1;
    this.#sentCalls += 1;
    this.#sentTokens += waiter.tokens;
    this.#stats.sent += 1;
    if (now > waiter.enqueuedAt) {
      this.#stats.waited += 1;
      this.#stats.waitedMs += now - waiter.enqueuedAt;
    }
    const sentAt = now;
    const callIndex = this.#sentCalls;
    const tokensSentThen = this.#sentTokens;
    const estimatedTokens = waiter.tokens;
    let settled = false;
    return {
      estimatedTokens,
      settle: (outcome) => {
        if (settled) return {};
        settled = true;
        this.#inFlight -= 1;
        const headers = outcome.headers ? readRateLimitHeaders(outcome.headers) : {};
        this.#learn(headers, outcome, { sentAt, callIndex, tokensSentThen, estimatedTokens });
        this.#pump();
        return headers;
      },
    };
  }

  #learn(headers: RateLimitHeaders, outcome: CallOutcome, call: { sentAt: number; callIndex: number; tokensSentThen: number; estimatedTokens: number }): void {
    const now = this.#clock.now();
    // The server's own limits win when they are lower than the configured ones.
    if (headers.limitRequests !== undefined && this.#rpm !== undefined && headers.limitRequests > 0 && headers.limitRequests < this.#rpm) this.#rpm = headers.limitRequests;
    if (headers.limitTokens !== undefined && this.#tpm !== undefined && headers.limitTokens > 0 && headers.limitTokens < this.#tpm) this.#tpm = headers.limitTokens;
    // What the server had left when it took this call, plus what has refilled since the call left,
    // less what was sent after it: more than that cannot be left now.
    const elapsed = now - call.sentAt;
    if (this.#requests && headers.remainingRequests !== undefined) {
      this.#requests.capAt(headers.remainingRequests + (elapsed * this.#rpm!) / 60_000 - (this.#sentCalls - call.callIndex), now);
    }
    if (this.#tokens && headers.remainingTokens !== undefined) {
      this.#tokens.capAt(headers.remainingTokens + (elapsed * this.#tpm!) / 60_000 - (this.#sentTokens - call.tokensSentThen), now);
    }
    if (outcome.status === 429) {
      this.#stats.refused += 1;
      this.#blockedUntil = Math.max(this.#blockedUntil, now + refusalWaitMs(headers, call.estimatedTokens));
      this.#requests?.capAt(0, now);
      if (call.callIndex > this.#decreasedAtCall) {
        this.#share = Math.max(MINIMUM_RATE_SHARE, this.#share * DECREASE_FACTOR);
        this.#decreasedAtCall = this.#sentCalls;
      }
    } else if (outcome.status !== undefined && outcome.status < 400) {
      this.#share = Math.min(1, this.#share + INCREASE_STEP);
      if (this.#tokens && outcome.usedTokens !== undefined) this.#tokens.adjust(call.estimatedTokens - outcome.usedTokens, now);
      if (outcome.completionTokens !== undefined) {
        this.#expectedOutputTokens += OUTPUT_AVERAGE_WEIGHT * (outcome.completionTokens - this.#expectedOutputTokens);
      }
    }
    this.#applyRates(now);
  }

  #applyRates(now: number): void {
    if (this.#requests && this.#rpm !== undefined) {
      this.#requests.level(now);
      this.#requests.ratePerMs = (this.#rpm / 60_000) * PACING_SHARE * this.#share;
    }
    if (this.#tokens && this.#tpm !== undefined) {
      this.#tokens.level(now);
      this.#tokens.ratePerMs = (this.#tpm / 60_000) * PACING_SHARE * this.#share;
    }
  }
}

/** How long a 429 asks to wait: its Retry-After, else the reset of the limit it spent, else a default. */
function refusalWaitMs(headers: RateLimitHeaders, estimatedTokens: number): number {
  if (headers.retryAfterMs !== undefined) return headers.retryAfterMs;
  if (headers.remainingRequests === 0 && headers.resetRequestsMs !== undefined) return headers.resetRequestsMs;
  if (headers.remainingTokens !== undefined && headers.remainingTokens < Math.max(1, estimatedTokens) && headers.resetTokensMs !== undefined) return headers.resetTokensMs;
  return DEFAULT_REFUSAL_WAIT_MS;
}
