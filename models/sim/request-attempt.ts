// Which attempt at a model call a request is. A retry repeats its request byte for byte, so only
// the caller can say it is one; with that the simulator's transport faults are a pure function of
// (seed, request, attempt), and a cell meets the same faults whatever else the process has served.

/**
 * The retry count OpenAI's SDKs send with every request (0 on the first try, 1 on the first retry…).
 * agentlab's agents retry by themselves, with the SDK's retries off, and send their own count in it.
 */
export const RETRY_COUNT_HEADER = 'x-stainless-retry-count';

/** The attempt a request declares (1 for a first try), or undefined when it declares none. */
export function declaredAttempt(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const value = headers[RETRY_COUNT_HEADER];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) + 1 : undefined;
}
