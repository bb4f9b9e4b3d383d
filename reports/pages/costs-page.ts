// Costs (`/costs`, `/api/costs`): spend over the last `?days` by model, agent, dataset and day, each
// with tokens, passes and cost per success, summed in SQL from the per-run totals; and by service,
// from every trace in the store, foreign ones (sent over OTLP) included.
import { z } from 'zod';
import type { ResultTotals, ServiceCost } from '../../store/index.js';
import { defaultCostDays, millisecondsPerDay } from '../constants.js';
import { daysParameter, parseQuery } from '../query-schema.js';
import { datasetShortNames } from '../dataset-name.js';
import { definePage } from '../report-page.js';
import { withFigures } from '../totals-figures.js';
import type { TotalsFigures } from '../totals-figures.js';


type CostRow<Key> = Key & ResultTotals & TotalsFigures;

export interface CostsPageData {
  days: number;
  since: number;
  byModel: Array<CostRow<{ model: string }>>;
  byAgent: Array<CostRow<{ agent: string }>>;
  /** With the dataset's short name (the full path stays in datasetPath). */
  byDataset: Array<CostRow<{ datasetPath: string; datasetName: string }>>;
  byDay: Array<CostRow<{ day: string }>>;
  overall: ResultTotals & TotalsFigures;
  /** Every trace's model calls by the service that sent it: eval runs and foreign agents alike. */
  byService: ServiceCost[];
}

const querySchema = z.object({ days: daysParameter.optional() });

export const costsPage = definePage<CostsPageData>({
  path: '/costs',
  apiPath: '/api/costs',
  view: 'costs',
  nav: 'costs',
  title: () => 'Costs',
  async load(request, { store, now }) {
    const query = parseQuery(querySchema, request.query);
    const days = query.days ?? defaultCostDays;
    const since = now() - days * millisecondsPerDay;
    const [breakdown, byService] = await Promise.all([store.costBreakdown({ since }), store.serviceCosts({ since })]);
    const datasetNames = datasetShortNames(breakdown.byDataset.map((row) => row.datasetPath));
    return {
      days,
      since,
      byModel: breakdown.byModel.map(withFigures),
      byAgent: breakdown.byAgent.map(withFigures),
      byDataset: breakdown.byDataset.map((row) => ({ ...withFigures(row), datasetName: datasetNames.get(row.datasetPath) ?? row.datasetPath })),
      byDay: breakdown.byDay.map(withFigures),
      overall: withFigures(breakdown.overall),
      byService,
    };
  },
  clientData: (data) => ({
    chart: 'costs',
    byModel: data.byModel.map((row) => ({ label: row.model, costUsd: row.costUsd ?? 0, costPerSuccess: row.costPerSuccess ?? null })),
    byAgent: data.byAgent.map((row) => ({ label: row.agent, costUsd: row.costUsd ?? 0, costPerSuccess: row.costPerSuccess ?? null })),
    byDataset: data.byDataset.map((row) => ({ label: row.datasetName, costUsd: row.costUsd ?? 0, costPerSuccess: row.costPerSuccess ?? null })),
    byDay: data.byDay.map((row) => ({ label: row.day, costUsd: row.costUsd ?? 0, costPerSuccess: row.costPerSuccess ?? null })),
  }),
});
