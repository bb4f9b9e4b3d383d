// The rate limits an eval ran under, for the summary (terminal, Markdown, JSON): for each model with
// rpm, tpm or maxConcurrency, the calls its limiter let through, how many waited their turn and how
// long, the 429s the endpoint still gave, and the calls per minute over the run's own time, so a
// nightly eval against a limited endpoint shows whether it used the window it is allowed.
import type { RateLimiterUsage } from '../../models/index.js';
import type { RateLimitedModel, RateLimitReport } from '../outputs/index.js';

const millisecondsPerMinute = 60_000;

/** Undefined when no model of the eval had limits. */
export function evalRateLimits(usage: readonly RateLimiterUsage[], run: { startedAt: number; finishedAt?: number | undefined }): RateLimitReport | undefined {
  if (usage.length === 0) return undefined;
  const minutes = run.finishedAt === undefined ? undefined : (run.finishedAt - run.startedAt) / millisecondsPerMinute;
  const models = usage.map((limiter): RateLimitedModel => ({
    model: limiter.model,
    baseURL: withoutCredentials(limiter.baseURL),
    ...(limiter.limits.rpm === undefined ? {} : { rpm: limiter.limits.rpm }),
    ...(limiter.limits.tpm === undefined ? {} : { tpm: limiter.limits.tpm }),
    ...(limiter.limits.maxConcurrency === undefined ? {} : { maxConcurrency: limiter.limits.maxConcurrency }),
    sent: limiter.sent,
    waited: limiter.waited,
    waitedMs: limiter.waitedMs,
    refused: limiter.refused,
    ...(minutes === undefined || minutes <= 0 ? {} : { callsPerMinute: limiter.sent / minutes }),
  }));
  return { models, line: `Rate limits: ${models.map(describeRateLimitedModel).join('; ')}.` };
}

/** `oracle at http://127.0.0.1:8787/v1 (rpm 600): 1,000 calls, 584 a minute (97% of the rpm); 913 waited their turn, 0.42 s on average; no 429s` */
export function describeRateLimitedModel(limited: RateLimitedModel): string {
  const limits = [
    limited.rpm === undefined ? undefined : `rpm ${count(limited.rpm)}`,
    limited.tpm === undefined ? undefined : `tpm ${count(limited.tpm)}`,
    limited.maxConcurrency === undefined ? undefined : `maxConcurrency ${count(limited.maxConcurrency)}`,
  ].filter((limit) => limit !== undefined);
  const rate =
    limited.callsPerMinute === undefined
      ? ''
      : `, ${count(Math.round(limited.callsPerMinute))} a minute${limited.rpm === undefined ? '' : ` (${Math.round((100 * limited.callsPerMinute) / limited.rpm)}% of the rpm)`}`;
  const waits = limited.waited === 0 ? 'none waited for the limits' : `${count(limited.waited)} waited their turn, ${(limited.waitedMs / limited.waited / 1000).toFixed(2)} s on average`;
  const refusals = limited.refused === 0 ? 'no 429s' : `${count(limited.refused)} 429${limited.refused === 1 ? '' : 's'} from the endpoint`;
  return `${limited.model} at ${limited.baseURL} (${limits.join(', ')}): ${count(limited.sent)} call${limited.sent === 1 ? '' : 's'}${rate}; ${waits}; ${refusals}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function withoutCredentials(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return baseURL;
  }
}
