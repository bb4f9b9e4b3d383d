// How figures read in the terminal table and in Markdown: rates as percentages with their interval,
// counts, costs and p-values. A missing figure (NaN or undefined) reads as an em dash.
import type { WilsonInterval } from '../statistics/index.js';

export const MISSING = '—';

function present(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

/** 0.8 → `80.0%`. */
export function formatPercent(rate: number | undefined): string {
  return present(rate) ? `${(rate * 100).toFixed(1)}%` : MISSING;
}

/** `80.0% [49.0–94.3]`: the rate and its 95% interval in percent. */
export function formatInterval(interval: WilsonInterval): string {
  if (!present(interval.rate)) return MISSING;
  return `${formatPercent(interval.rate)} [${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)}]`;
}

/** Rounded to a whole number: token counts. */
export function formatCount(value: number | undefined): string {
  return present(value) ? String(Math.round(value)) : MISSING;
}

/** `$12.34`, or four decimals under a dollar so cheap runs do not all read `$0.00`. */
export function formatUsd(value: number | undefined): string {
  if (!present(value)) return MISSING;
  return `$${value >= 1 ? value.toFixed(2) : value.toFixed(4)}`;
}

/** Three significant figures: `0.0156`, `1.00`. */
export function formatPValue(value: number): string {
  return value.toPrecision(3);
}
