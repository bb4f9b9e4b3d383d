// Trends (`/trends`, `/api/trends`): per model × agent, the success rate of each day's runs with its
// Wilson interval, and tokens and cost per day, over the last `?days` (optionally one `?dataset`).
// SQL sums the per-run totals by day; the intervals are computed here on those few rows.
import { z } from 'zod';
import type { WilsonInterval } from '../../eval/index.js';
import type { DailyGroupTotals, ResultTotals } from '../../store/index.js';
import { defaultTrendDays, millisecondsPerDay } from '../constants.js';
import { daysParameter, parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { totalsFigures, withFigures } from '../totals-figures.js';
import type { TotalsFigures } from '../totals-figures.js';


export interface TrendPoint {
  day: string;
  runs: number;
  passed: number;
  failed: number;
  errors: number;
  successRate: WilsonInterval;
  tokens: number;
  costUsd?: number;
}

export interface TrendSeries {
  model: string;
  agent: string;
  points: TrendPoint[];
  /** Over the whole period. */
  period: ResultTotals & TotalsFigures;
}

export interface TrendsPageData {
  days: number;
  /** Runs started at or after this time (ms since the epoch) are shown. */
  since: number;
  dataset?: string;
  datasets: string[];
  /** Every day that has a run, oldest first: the charts' x axis. */
  dayLabels: string[];
  series: TrendSeries[];
}

const querySchema = z.object({ days: daysParameter.optional(), dataset: textParameter.optional() });

function point(row: DailyGroupTotals): TrendPoint {
  const figures = totalsFigures(row);
  return {
    day: row.day,
    runs: row.runs,
    passed: row.passed,
    failed: row.failed,
    errors: row.errors,
    successRate: figures.successRate,
    tokens: figures.tokens,
    ...(row.costUsd !== undefined ? { costUsd: row.costUsd } : {}),
  };
}

function addTotals(sum: ResultTotals, row: ResultTotals): ResultTotals {
  const costUsd = row.costUsd === undefined ? sum.costUsd : (sum.costUsd ?? 0) + row.costUsd;
  return {
    results: sum.results + row.results,
    passed: sum.passed + row.passed,
    failed: sum.failed + row.failed,
    errors: sum.errors + row.errors,
    inputTokens: sum.inputTokens + row.inputTokens,
    outputTokens: sum.outputTokens + row.outputTokens,
    ...(costUsd !== undefined ? { costUsd } : {}),
    pricedResults: sum.pricedResults + row.pricedResults,
    pricedPasses: sum.pricedPasses + row.pricedPasses,
    latencyMs: sum.latencyMs + row.latencyMs,
  };
}

const noTotals: ResultTotals = { results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 };

export function trendSeries(rows: readonly DailyGroupTotals[]): TrendSeries[] {
  const byGroup = new Map<string, { model: string; agent: string; rows: DailyGroupTotals[] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.model, row.agent]);
    const group = byGroup.get(key) ?? { model: row.model, agent: row.agent, rows: [] };
    group.rows.push(row);
    byGroup.set(key, group);
  }
  return [...byGroup.values()]
    .sort((left, right) => left.model.localeCompare(right.model) || left.agent.localeCompare(right.agent))
    .map((group) => ({
      model: group.model,
      agent: group.agent,
      points: group.rows.map(point),
      period: withFigures(group.rows.reduce<ResultTotals>(addTotals, noTotals)),
    }));
}

export const trendsPage = definePage<TrendsPageData>({
  path: '/trends',
  apiPath: '/api/trends',
  view: 'trends',
  nav: 'trends',
  title: () => 'Trends',
  load(request, { store, now }) {
    const query = parseQuery(querySchema, request.query);
    const days = query.days ?? defaultTrendDays;
    const since = now() - days * millisecondsPerDay;
    const rows = store.dailyGroupTotals({ since, ...(query.dataset ? { datasetPath: query.dataset } : {}) });
    return {
      days,
      since,
      ...(query.dataset ? { dataset: query.dataset } : {}),
      datasets: store.datasets().map((dataset) => dataset.datasetPath),
      dayLabels: [...new Set(rows.map((row) => row.day))].sort(),
      series: trendSeries(rows),
    };
  },
  clientData: (data) => ({ chart: 'trends', dayLabels: data.dayLabels, series: data.series.map(({ model, agent, points }) => ({ model, agent, points })) }),
});
