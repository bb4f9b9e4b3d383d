// Spend by service per UTC day, kept beside the `traces` table by triggers (SQLite migration 14,
// PostgreSQL migration 7), so the costs page sums a few rows per day instead of every trace of a
// year. A period rarely starts or ends at midnight: its whole days are read from the daily totals
// and the partial days at its edges from the traces themselves, so the answer is the same as
// summing every trace in the period. The SQL and the split below agree on which day a trace's start
// falls in, to the millisecond fraction, on both backends.
import type { PeriodOptions } from './report-records.js';

export const millisecondsPerDay = 86_400_000;

/** The totals' columns: what each trace adds to its day and service. */
export const traceDayTotalColumns = ['traces', 'model_calls', 'input_tokens', 'output_tokens', 'cost_usd', 'priced_traces', 'unpriced_model_calls'] as const;

/** A `traces` row's contribution to each of traceDayTotalColumns, as SQL over NEW, OLD or the table. */
export function traceDayContributions(row: string): string[] {
  return [
    '1',
    `${row}.model_calls`,
    `${row}.input_tokens`,
    `${row}.output_tokens`,
    `COALESCE(${row}.cost_usd, 0)`,
    `CASE WHEN ${row}.cost_usd IS NULL THEN 0 ELSE 1 END`,
    `${row}.unpriced_model_calls`,
  ];
}

/**
 * The UTC day (days since the epoch) that `milliseconds` falls in, as SQL both backends run alike.
 * A double's quotient can round up to the next whole day just before midnight; the correction takes
 * it back, as utcDay() does, so a trace is never counted in the day after its own.
 */
export function utcDaySql(milliseconds: string): string {
  const quotient = `floor(${milliseconds} / 86400000.0)`;
  // An integer (BIGINT affinity in SQLite), so PostgreSQL compares it with the key's index.
  return `CAST(${quotient} - CASE WHEN ${quotient} * 86400000.0 > ${milliseconds} THEN 1 ELSE 0 END AS BIGINT)`;
}

/** The UTC day `milliseconds` falls in: the largest d with d × 86,400,000 ≤ milliseconds. */
export function utcDay(milliseconds: number): number {
  let day = Math.floor(milliseconds / millisecondsPerDay);
  if (day * millisecondsPerDay > milliseconds) day -= 1;
  else if ((day + 1) * millisecondsPerDay <= milliseconds) day += 1;
  return day;
}

/** The first day starting at or after `milliseconds`: the smallest d with d × 86,400,000 ≥ milliseconds. */
function firstDayFrom(milliseconds: number): number {
  const day = utcDay(milliseconds);
  return day * millisecondsPerDay === milliseconds ? day : day + 1;
}

/** A range of start times, `since` included, `until` not; an absent bound is open. */
export interface TimeRange {
  since?: number;
  until?: number;
}

export interface PeriodDays {
  /** Whole days read from the daily totals: `fromDay` included, `toDay` not; an absent bound is open. Absent when the period holds no whole day. */
  wholeDays?: { fromDay?: number; toDay?: number };
  /** The rest of the period, before and after the whole days, read from `traces`. */
  edges: TimeRange[];
}

/** Splits a period of trace start times into whole UTC days and the partial days at its edges. */
export function periodDays(period: PeriodOptions): PeriodDays {
  const since = period.since === undefined || period.since === -Infinity ? undefined : period.since;
  const until = period.until === undefined || period.until === Infinity ? undefined : period.until;
  if (Number.isNaN(since) || Number.isNaN(until) || since === Infinity || until === -Infinity) return { edges: [] };
  if (since !== undefined && until !== undefined && since >= until) return { edges: [] };
  const fromDay = since === undefined ? undefined : firstDayFrom(since);
  const toDay = until === undefined ? undefined : utcDay(until);
  if (fromDay !== undefined && toDay !== undefined && fromDay >= toDay) return { edges: [{ since, until }] };
  const edges: TimeRange[] = [];
  if (since !== undefined && fromDay! * millisecondsPerDay > since) edges.push({ since, until: fromDay! * millisecondsPerDay });
  if (until !== undefined && toDay! * millisecondsPerDay < until) edges.push({ since: toDay! * millisecondsPerDay, until });
  return { wholeDays: { ...(fromDay === undefined ? {} : { fromDay }), ...(toDay === undefined ? {} : { toDay }) }, edges };
}
