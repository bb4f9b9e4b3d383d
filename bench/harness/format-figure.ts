// How a figure's value and target read in the table: three significant digits, the unit, and
// ≤ / ≥ for the target.
import type { Figure, Target } from './figure.js';

export const noTarget = '—';

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function withUnit(value: string, unit: string): string {
  return unit ? `${value} ${unit}` : value;
}

export function formatValue(figure: Figure): string {
  return withUnit(formatNumber(figure.value), figure.unit);
}

export function formatTarget(target: Target | null, unit: string): string {
  if (target === null) return noTarget;
  return `${target.comparison === '<=' ? '≤' : '≥'} ${withUnit(formatNumber(target.value), unit)}`;
}

/** ✓, ✗, or — for an informational figure. */
export function formatMet(met: boolean | undefined): string {
  if (met === undefined) return noTarget;
  return met ? '✓' : '✗';
}
