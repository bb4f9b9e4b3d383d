// OTLP timestamps (fixed64 nanoseconds since the Unix epoch) to fractional milliseconds, exactly:
// nanoseconds since 1970 overflow a double's integer range, milliseconds with six decimals do not
// lose what a double can hold. BigInt defines the result (the whole milliseconds, plus the remaining
// nanoseconds / 10^6); the usual inputs, OTLP/JSON's decimal strings and protobufjs's two 32-bit
// halves, get the same result from integer arithmetic that stays below 2^53, which costs less.
import { OtlpDecodeError } from './errors.js';
import type { PathKey, PayloadPath } from './payload-path.js';
import type { DecodedLong } from './trace-proto.js';

const nanosPerMillisecond = 1_000_000n;
const decimalPattern = /^\d+$/;

function toBigInt(value: unknown, path: PayloadPath, key: PathKey): bigint {
  if (value === undefined || value === null) return 0n; // proto3: an absent field is its zero value
  if (typeof value === 'string' && decimalPattern.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'bigint' && value >= 0n) return value;
  throw new OtlpDecodeError(`expected nanoseconds since the Unix epoch as a non-negative integer or decimal string, got ${JSON.stringify(String(value))}`, { path: path.format(key) });
}

/** Milliseconds from a timestamp as OTLP/JSON carries it; absent is 0. */
export function unixNanosToMs(value: unknown, path: PayloadPath, key: PathKey): number {
  const milliseconds = typeof value === 'string' ? shortDecimalNanosToMs(value) : undefined;
  return milliseconds ?? bigNanosToMs(toBigInt(value, path, key));
}

/**
 * The common case without BigInt or a regular expression: up to 21 digits, the whole milliseconds
 * (all but the last six) stay below 10^15 and so add up exactly. Undefined for anything else.
 */
function shortDecimalNanosToMs(digits: string): number | undefined {
  const length = digits.length;
  if (length === 0 || length > 21) return undefined;
  const split = length - 6;
  let whole = 0;
  let rest = 0;
  for (let index = 0; index < length; index++) {
    const digit = digits.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (index < split) whole = whole * 10 + digit;
    else rest = rest * 10 + digit;
  }
  return whole + rest / 1e6;
}

function bigNanosToMs(nanos: bigint): number {
  return Number(nanos / nanosPerMillisecond) + Number(nanos % nanosPerMillisecond) / 1e6;
}

/**
 * Milliseconds from a fixed64 nanosecond count, equal to unixNanosToMs of its decimal digits. With
 * nanos = high·2^32 + low and 2^32 = 4294·10^6 + 967296, the whole milliseconds are
 * high·4294 + ⌊rest/10^6⌋ and what is left rest mod 10^6 nanoseconds, where rest = high·967296 + low
 * stays below 2^53, so every step is exact.
 */
export function fixed64NanosToMs(value: DecodedLong): number {
  // Without the long package protobufjs gives a double, already rounded; it is read through its
  // shortest digits, as protobufjs's own JSON rendering (toObject with longs: String) writes it.
  if (typeof value === 'number') return bigNanosToMs(BigInt(String(value)));
  const high = value.high >>> 0;
  const rest = high * 967_296 + (value.low >>> 0);
  const subMillisecond = rest % 1e6;
  return high * 4294 + (rest - subMillisecond) / 1e6 + subMillisecond / 1e6;
}
