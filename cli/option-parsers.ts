// Parsers for option values; each rejects bad input with a message commander prints before exiting with 2.
import { InvalidArgumentError } from 'commander';
import { parseLatencyMode, type LatencyMode } from '../models/index.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port).');
  }
  return port;
}

export function parseLatency(value: string): LatencyMode {
  const mode = parseLatencyMode(value);
  if (mode === undefined) throw new InvalidArgumentError('expected zero, realistic, fast, or a whole number of milliseconds.');
  return mode;
}

/** Builds a parser for a repeatable, comma-separated list whose items must come from `accepted`. */
export function listOf(accepted: readonly string[], noun: string) {
  return (value: string, previous: string[] | undefined): string[] => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const unknown = items.filter((item) => !accepted.includes(item));
    if (items.length === 0 || unknown.length > 0) {
      const what = unknown.length === 0 ? `expected a ${noun}` : `unknown ${noun} ${unknown.join(', ')}`;
      throw new InvalidArgumentError(`${what}; available: ${accepted.join(', ')}.`);
    }
    return [...new Set([...(previous ?? []), ...items])];
  };
}

/** A whole number of at least 1: step and token limits, timeouts. */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return number;
}

/** A whole number, possibly negative, such as a seed. */
export function parseInteger(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('expected a whole number.');
  }
  return number;
}

/** A sampling temperature, from 0 to 2 as the OpenAI API accepts. */
export function parseTemperature(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 2) {
    throw new InvalidArgumentError('expected a number from 0 to 2.');
  }
  return number;
}

/** A fraction above 0 and at most 1, or a percentage such as 75%: where working memory compresses. */
export function parseFraction(value: string): number {
  const number = value.trim().endsWith('%') ? Number(value.trim().slice(0, -1)) / 100 : Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 1) {
    throw new InvalidArgumentError(`expected a fraction of the context window above 0 and at most 1 (or a percentage such as 75%), got "${value}".`);
  }
  return number;
}

/** A rate from 0 to 1, or a percentage such as 80% (the gates' --min-success and --max-errors). */
export function parseRate(value: string): number {
  const number = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError(`expected a rate from 0 to 1 (or a percentage such as 80%), got "${value}"`);
  return number;
}
