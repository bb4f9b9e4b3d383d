// The runs list (`/`, `/api/runs`): newest first, a page at a time, each run with its counts,
// success rate interval, tokens and cost from the per-run totals. Datasets read by their short
// names (the full path stays in the data and on hover); an interrupted run says how to finish it.
import { z } from 'zod';
import type { ResultTotals, RunRecord, RunStatus } from '../../store/index.js';
import { runsPageSize } from '../constants.js';
import { datasetChoices } from '../dataset-name.js';
import type { DatasetChoice } from '../dataset-name.js';
import { pageNumberParameter, parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { withFigures } from '../totals-figures.js';
import type { TotalsFigures } from '../totals-figures.js';

export interface RunListEntry {
  id: string;
  startedAt: number;
  finishedAt?: number;
  status: RunStatus;
  /** Running in this process, with progress streamed to its page. */
  live: boolean;
  gitCommit?: string;
  datasetPath: string;
  /** The dataset's short name (see dataset-name.ts). */
  datasetName: string;
  /** For an interrupted run: the command that finishes it. */
  resumeCommand?: string;
  agents: string[];
  models: string[];
  epochs: number;
  plannedResults: number;
  totals: ResultTotals & TotalsFigures;
}

export interface RunsPageData {
  runs: RunListEntry[];
  page: number;
  pageCount: number;
  totalRuns: number;
  filter: { dataset?: string; status?: RunStatus };
  /** Every dataset in the store, most recently used first. */
  datasets: DatasetChoice[];
}

const querySchema = z.object({
  page: pageNumberParameter.optional(),
  dataset: textParameter.optional(),
  status: z.enum(['running', 'completed', 'interrupted']).optional(),
});

/** What `agentlab eval` prints when a run is stopped, so the page and the terminal give the same advice. */
function resumeCommand(runId: string): string {
  return `agentlab eval --resume ${runId}`;
}

function entry(run: RunRecord, totals: ResultTotals, live: boolean, datasetNames: ReadonlyMap<string, string>): RunListEntry {
  return {
    id: run.id,
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    status: run.status,
    live,
    ...(run.gitCommit ? { gitCommit: run.gitCommit } : {}),
    datasetPath: run.datasetPath,
    datasetName: datasetNames.get(run.datasetPath) ?? run.datasetPath,
    ...(run.status === 'interrupted' ? { resumeCommand: resumeCommand(run.id) } : {}),
    agents: run.config.agents,
    models: run.config.models,
    epochs: run.config.epochs,
    plannedResults: run.plannedResults,
    totals: withFigures(totals),
  };
}

export const runsPage = definePage<RunsPageData>({
  path: '/',
  apiPath: '/api/runs',
  view: 'runs',
  nav: 'runs',
  title: () => 'Runs',
  async load(request, { store, liveRuns }) {
    const query = parseQuery(querySchema, request.query);
    const filter = { ...(query.dataset ? { datasetPath: query.dataset } : {}), ...(query.status ? { status: query.status } : {}) };
    const page = query.page ?? 1;
    const [totalRuns, overviews, storedDatasets] = await Promise.all([
      store.countRuns(filter),
      store.runOverviews({ ...filter, limit: runsPageSize, offset: (page - 1) * runsPageSize }),
      store.datasets(),
    ]);
    const datasets = datasetChoices(storedDatasets.map((dataset) => dataset.datasetPath));
    const datasetNames = new Map(datasets.map((dataset) => [dataset.path, dataset.name]));
    return {
      runs: overviews.map((overview) => entry(overview.run, overview.totals, liveRuns.isLive(overview.run.id), datasetNames)),
      page,
      pageCount: Math.max(1, Math.ceil(totalRuns / runsPageSize)),
      totalRuns,
      filter: { ...(query.dataset ? { dataset: query.dataset } : {}), ...(query.status ? { status: query.status } : {}) },
      datasets,
    };
  },
});
