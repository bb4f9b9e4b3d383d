// Trends (`/trends`, `/api/trends`): per model × agent, the success rate of each day's runs with its
// Wilson interval, and tokens and cost per day, over the last `?days`. One dataset at a time: the
// newest run's unless `?dataset` names another, or is empty for every dataset mixed together.
// SQL sums the per-run totals by day; the intervals are computed here on those few rows.
import { z } from 'zod';
import type { WilsonInterval } from '../../eval/index.js';
import type { DailyGroupTotals, ResultTotals } from '../../store/index.js';
import { defaultTrendDays, millisecondsPerDay } from '../constants.js';
import { datasetChoices } from '../dataset-name.js';
import type { DatasetChoice } from '../dataset-name.js';
import { daysParameter, parseQuery } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { totalsFigures, withFigures } from '../totals-figures.js';
import { trendColumns } from './trend-columns.js';
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
  /** The dataset shown; absent when every dataset is shown together (`?dataset=`). */
  dataset?: string;
  /** Its short name. */
  datasetName?: string;
  /** True when no `?dataset` was given and the newest run's dataset was chosen. */
  datasetDefaulted: boolean;
  /** Every dataset in the store, most recently used first. */
  datasets: DatasetChoice[];
  /** Every day that has a run, oldest first: the charts' x axis. */
  dayLabels: string[];
  series: TrendSeries[];
}

// An empty ?dataset= (the select's "all datasets") means every dataset; absent means the newest run's.
const querySchema = z.object({ days: daysParameter.optional(), dataset: z.string().trim().optional() });

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
  async load(request, { store, now }) {
    const query = parseQuery(querySchema, request.query);
    const days = query.days ?? defaultTrendDays;
    const since = now() - days * millisecondsPerDay;
    // Most recently used first: the first is the dataset of the newest run.
    const datasets = datasetChoices((await store.datasets()).map((dataset) => dataset.datasetPath));
    const datasetDefaulted = query.dataset === undefined && datasets.length > 0;
    const dataset = query.dataset === undefined ? datasets[0]?.path : query.dataset || undefined;
    const rows = await store.dailyGroupTotals({ since, ...(dataset ? { datasetPath: dataset } : {}) });
    return {
      days,
      since,
      ...(dataset ? { dataset, datasetName: datasets.find((choice) => choice.path === dataset)?.name ?? dataset } : {}),
      datasetDefaulted,
      datasets,
      dayLabels: [...new Set(rows.map((row) => row.day))].sort(),
      series: trendSeries(rows),
    };
  },
  // The points as columns (trend-columns.ts): the bulk of the page over a year.
  clientData: (data) => ({ chart: 'trends', dayLabels: data.dayLabels, series: data.series.map(({ model, agent, points }) => ({ model, agent, columns: trendColumns(points) })) }),
});
