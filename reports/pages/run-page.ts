// A run's detail (`/runs/:id`, `/api/runs/:id`): the summary per model and agent with intervals,
// pass@k and pass^k, and the case results, filterable by status (pass, fail, error, flaky), case,
// agent and model in SQL. A running run's page follows its progress over server-sent events.
import { z } from 'zod';
import { summarizeResults } from '../../eval/index.js';
import type { ResultsSummary } from '../../eval/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';
import { parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { reportLinks } from '../report-links.js';
import { toResultRow } from '../result-row.js';
import type { ResultRow } from '../result-row.js';
import { lookUpRun } from '../run-lookup.js';

export type ResultStatusFilter = 'pass' | 'fail' | 'error' | 'flaky';

export interface RunPageData {
  run: RunRecord;
  /** Running in this process: its page streams progress. */
  live: boolean;
  progress: { done: number; total: number };
  summary: ResultsSummary;
  /** How many results each status filter shows (flaky: results of cells that both passed and failed). */
  counts: { all: number; pass: number; fail: number; error: number; flaky: number };
  filter: { status?: ResultStatusFilter; case?: string; agent?: string; model?: string };
  results: ResultRow[];
}

const querySchema = z.object({
  status: z.enum(['pass', 'fail', 'error', 'flaky']).optional(),
  case: textParameter.optional(),
  agent: textParameter.optional(),
  model: textParameter.optional(),
});

function flakyResultCount(results: readonly CaseResultRecord[]): number {
  const outcomes = new Map<string, { passed: boolean; failed: boolean; count: number }>();
  for (const result of results) {
    const key = JSON.stringify([result.caseId, result.agent, result.model]);
    const outcome = outcomes.get(key) ?? { passed: false, failed: false, count: 0 };
    outcome.passed ||= result.status === 'pass';
    outcome.failed ||= result.status === 'fail';
    outcome.count++;
    outcomes.set(key, outcome);
  }
  let count = 0;
  for (const outcome of outcomes.values()) if (outcome.passed && outcome.failed) count += outcome.count;
  return count;
}

export const runPage = definePage<RunPageData>({
  path: '/runs/:id',
  apiPath: '/api/runs/:id',
  view: 'run',
  nav: 'runs',
  title: (data) => `Run ${data.run.id}`,
  load(request, { store, liveRuns }) {
    const run = lookUpRun(store, request.params.id ?? '');
    const query = parseQuery(querySchema, request.query);
    // The summary needs every result of the run (one indexed read); the table reads only its filter's.
    const all = store.caseResults(run.id);
    const cellFilter = { ...(query.case ? { caseId: query.case } : {}), ...(query.agent ? { agent: query.agent } : {}), ...(query.model ? { model: query.model } : {}) };
    const hasFilter = query.status !== undefined || Object.keys(cellFilter).length > 0;
    const shown = !hasFilter
      ? all
      : query.status === 'flaky'
        ? store.flakyCaseResults(run.id, cellFilter)
        : store.caseResults(run.id, { ...cellFilter, ...(query.status ? { status: query.status } : {}) });
    // k as the CLI reports it: every epoch the run was configured with.
    const summary = summarizeResults(all, { k: run.config.epochs });
    const live = liveRuns.state(run.id);
    return {
      run,
      live: live !== undefined,
      progress: live ? { done: live.done, total: live.total } : { done: all.length, total: run.plannedResults },
      summary,
      counts: {
        all: all.length,
        pass: summary.overall.passed,
        fail: summary.overall.failed,
        error: summary.overall.errors,
        flaky: flakyResultCount(all),
      },
      filter: { ...(query.status ? { status: query.status } : {}), ...(query.case ? { case: query.case } : {}), ...(query.agent ? { agent: query.agent } : {}), ...(query.model ? { model: query.model } : {}) },
      results: shown.map(toResultRow),
    };
  },
  clientData: (data) => ({
    runId: data.run.id,
    status: data.run.status,
    live: data.live,
    eventsUrl: reportLinks.runEvents(data.run.id),
    filter: data.filter,
  }),
});
