// OpenAI's `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` values: Go-style durations such as
// `1s`, `6m0s`, `20ms`, `1h2m3.5s`, `8.64s`, read as milliseconds. A plain number is taken as seconds,
// as some OpenAI-compatible servers send it.

const unitMilliseconds: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 };

/** Milliseconds in `text`, or undefined when it is not such a duration. */
export function parseResetDuration(text: string | null | undefined): number | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const parts = value.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g);
  let total = 0;
  let consumed = 0;
  for (const [whole, amount, unit] of parts) {
    total += Number(amount) * unitMilliseconds[unit!]!;
    consumed += whole.length;
  }
  return consumed === value.length ? total : undefined;
}

/** The other way round, for the simulator's headers: `100ms`, `1.5s`, `2m30s`, `0s`. */
export function formatResetDuration(milliseconds: number): string {
  const rounded = Math.max(0, Math.ceil(milliseconds));
  if (rounded < 1000) return `${rounded}ms`;
  const minutes = Math.floor(rounded / 60_000);
  const seconds = (rounded - minutes * 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  return minutes > 0 ? `${minutes}m${secondsText}` : secondsText;
}
