// OTLP timestamps (fixed64 nanoseconds since the Unix epoch, a decimal string or a number in JSON)
// to fractional milliseconds, exact through BigInt: nanoseconds since 1970 overflow a double's
// integer range, milliseconds with six decimals do not lose what a double can hold.
import { OtlpDecodeError } from './errors.js';

const nanosPerMillisecond = 1_000_000n;
const decimalPattern = /^\d+$/;

function toBigInt(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n; // proto3: an absent field is its zero value
  if (typeof value === 'string' && decimalPattern.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'bigint' && value >= 0n) return value;
  throw new OtlpDecodeError(`expected nanoseconds since the Unix epoch as a non-negative integer or decimal string, got ${JSON.stringify(String(value))}`, { path });
}

export function unixNanosToMs(value: unknown, path: string): number {
  const nanos = toBigInt(value, path);
  return Number(nanos / nanosPerMillisecond) + Number(nanos % nanosPerMillisecond) / 1e6;
}
