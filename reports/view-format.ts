// How figures read on the pages: rates with their interval, counts, costs, durations, times and
// p-values, and span attributes that are figures. A missing figure (undefined, null or NaN) reads as
// an em dash.
import type { WilsonInterval } from '../eval/index.js';

export const missingFigure = '—';

function present(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Attribute names whose numbers are costs in USD, token counts or durations in milliseconds, in any dialect's spelling. */
const costAttribute = /(^|[._])cost([._](usd|total|prompt|completion))?$/i;
const tokenAttribute = /(tokens?|token_count\.[a-z_]+|Tokens)$/;
const millisecondAttribute = /([._]ms|Ms|[._]latency|[._]duration)$/;

/** Trailing zeros after the cents go: `1.500` → `1.50`, `0.0005000` → `0.0005`. */
function trimCents(text: string): string {
  return text.replace(/(\.\d\d\d*?)0+$/, '$1');
}

export const viewFormat = {
  /** 0.8 → `80.0%`. */
  percent(rate: number | null | undefined): string {
    return present(rate) ? `${(rate * 100).toFixed(1)}%` : missingFigure;
  },
  /** `80.0% [49.0–94.3]`. */
  interval(interval: WilsonInterval | undefined): string {
    if (!interval || !present(interval.rate)) return missingFigure;
    return `${viewFormat.percent(interval.rate)} [${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)}]`;
  },
  /** `12,345`. */
  count(value: number | null | undefined): string {
    return present(value) ? Math.round(value).toLocaleString('en-US') : missingFigure;
  },
  /** `$12.34`, or four significant decimals under a dollar so cheap runs do not all read `$0.00`. */
  usd(value: number | null | undefined): string {
    if (!present(value)) return missingFigure;
    return `$${Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4)}`;
  },
  /**
   * Four significant figures for figures of one call or one trace, where `usd`'s fixed decimals
   * would hide them: `$0.0006988`, `$1.234`, `$12.35`; whole dollars from $1,000 (`$12,346`).
   */
  usdPrecise(value: number | null | undefined): string {
    if (!present(value)) return missingFigure;
    const sign = value < 0 ? '-' : '';
    const amount = Math.abs(value);
    if (amount === 0) return '$0.00';
    if (amount >= 1_000) return `${sign}$${Math.round(amount).toLocaleString('en-US')}`;
    const decimals = Math.max(2, 3 - Math.floor(Math.log10(amount)));
    return `${sign}$${trimCents(amount.toFixed(decimals))}`;
  },
  /** `8.2 ms`, `812 ms`, `1.25 s`. */
  milliseconds(value: number | null | undefined): string {
    if (!present(value)) return missingFigure;
    if (value < 10) return `${value.toFixed(1)} ms`;
    if (value < 1_000) return `${Math.round(value)} ms`;
    return `${(value / 1_000).toFixed(2)} s`;
  },
  /** `2026-11-24 04:20 UTC`. */
  dateTime(value: number | null | undefined): string {
    return present(value) ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : missingFigure;
  },
  /** Three significant figures. */
  pValue(value: number | null | undefined): string {
    return present(value) ? value.toPrecision(3) : missingFigure;
  },
  /** A span attribute as text: strings as they are, numbers, booleans and lists as JSON. */
  attributeValue(value: unknown): string {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  },
  /**
   * A span attribute as a person reads it: a cost, token count or duration (by its name, in any
   * dialect's spelling) as that figure, a list of texts comma-separated, anything else as attributeValue.
   */
  attributeFigure(name: string, value: unknown): string {
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (costAttribute.test(name)) return viewFormat.usdPrecise(value);
      if (tokenAttribute.test(name)) return viewFormat.count(value);
      if (millisecondAttribute.test(name)) return viewFormat.milliseconds(value);
      return String(value);
    }
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) return value.join(', ');
    return viewFormat.attributeValue(value);
  },
  /** How long something has waited, in its two largest units: `40 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
  age(milliseconds: number | null | undefined): string {
    if (!present(milliseconds)) return missingFigure;
    const seconds = Math.max(0, Math.floor(milliseconds / 1_000));
    if (seconds < 60) return `${seconds} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
    const days = Math.floor(hours / 24);
    return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
  },
  /** A git commit's first seven characters. */
  commit(value: string | undefined): string {
    return value ? value.slice(0, 7) : missingFigure;
  },
};

export type ViewFormat = typeof viewFormat;
