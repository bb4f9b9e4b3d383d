// A run's detail (`/runs/:id`, `/api/runs/:id`): the summary per model and agent with intervals,
// pass@k and pass^k (each row and figure a link to its results), and the case results a page at a
// time under a filter (status or flaky cells, case, agent, model, tag, free text) chosen in a form,
// all done in SQL; when the run rated its answers, the calibration of the ratings with a reliability
// diagram per model × agent. Each result row expands to its case card: the goal, the expectations and every
// check's verdict, the output and the error. A running run's page follows its progress over
// server-sent events (assets/live-run.js).
import { z } from 'zod';
import { runCalibration, summarizeResults } from '../../eval/index.js';
import type { CalibrationGroup, ResultsSummary } from '../../eval/index.js';
import type { CaseDefinition, ResultPageFilter, RunRecord } from '../../store/index.js';
import { pageNumberParameter, parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { reportLinks } from '../report-links.js';
import { toResultRow } from '../result-row.js';
import type { ResultRow } from '../result-row.js';
import { lookUpRun } from '../run-lookup.js';
import { reliabilityDiagram, type ReliabilityDiagram } from './calibration-figure.js';

/** Results per page of a run's results table. */
export const runResultsPageSize = 50;
/** The fewest milliseconds between two refreshes of a live page's figures (summary, tabs, counts). */
export const liveFiguresRefreshMs = 1_000;
/** The longest free-text filter accepted. */
export const resultTextFilterLength = 200;

export type ResultStatusFilter = 'pass' | 'fail' | 'error' | 'flaky';

export interface RunPageFilter {
  status?: ResultStatusFilter;
  case?: string;
  agent?: string;
  model?: string;
  tag?: string;
  /** Text in the case id, the output, a check's reason or the error; case-insensitive. */
  q?: string;
}

export interface RunPageData {
  run: RunRecord;
  /** Running in this process: its page streams progress. */
  live: boolean;
  progress: { done: number; total: number };
  /** The whole run, whatever the filter. */
  summary: ResultsSummary;
  /**
   * The calibration of the answers' confidence ratings per model × agent, when the run rated them
   * (`--confidence-threshold`): empty otherwise. Each group's reliability diagram comes with it.
   */
  calibration: Array<CalibrationGroup & { diagram: Omit<ReliabilityDiagram, 'group'> }>;
  /**
   * What each status tab shows under the page's other filters. `flaky` counts cells, as the
   * summary's Flaky column does: (case, agent, model) whose epochs disagreed; the tab lists their
   * `flakyResults` results.
   */
  counts: { all: number; pass: number; fail: number; error: number; flaky: number; flakyResults: number };
  filter: RunPageFilter;
  /** What the controls offer: the run's agents and models (from its config) and its results' tags. */
  options: { agents: string[]; models: string[]; tags: string[] };
  /** 1-based; a page past the last one is empty. */
  page: number;
  pageSize: number;
  /** At least 1. */
  pageCount: number;
  /** Results the filter matches, over every page. */
  total: number;
  results: ResultRow[];
}

/** A form sends every field, the empty ones as `name=`: those mean no filter. */
function blankAsMissing(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function optionalParameter<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(blankAsMissing, schema.optional());
}

/** The run page's query: its filters and page; the run's messages page takes the same. */
export const runResultsQuerySchema = z.object({
  status: optionalParameter(z.enum(['pass', 'fail', 'error', 'flaky'])),
  case: optionalParameter(textParameter),
  agent: optionalParameter(textParameter),
  model: optionalParameter(textParameter),
  tag: optionalParameter(textParameter),
  q: optionalParameter(z.string().trim().max(resultTextFilterLength, `must be at most ${resultTextFilterLength} characters`)),
  page: optionalParameter(pageNumberParameter),
});

/** The fields that are set, so the JSON twin and the page's links carry no empty filters. */
export function definedOnly<Value extends object>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Value;
}

function withoutGroup({ group: _group, ...diagram }: ReliabilityDiagram): Omit<ReliabilityDiagram, 'group'> {
  return diagram;
}

/** `values` with `extra` added at the end when it is set and missing: a filter from a URL stays selectable. */
function withSelected(values: readonly string[], extra: string | undefined): string[] {
  return extra === undefined || values.includes(extra) ? [...values] : [...values, extra];
}

export const runPage = definePage<RunPageData>({
  path: '/runs/:id',
  apiPath: '/api/runs/:id',
  view: 'run',
  nav: 'runs',
  title: (data) => `Run ${data.run.id}`,
  async load(request, { store, liveRuns }) {
    const run = await lookUpRun(store, request.params.id ?? '');
    const query = parseQuery(runResultsQuerySchema, request.query);
    const filter = definedOnly<RunPageFilter>({ status: query.status, case: query.case, agent: query.agent, model: query.model, tag: query.tag, q: query.q });
    const cellFilter: Omit<ResultPageFilter, 'status'> = { caseId: filter.case, agent: filter.agent, model: filter.model, tag: filter.tag, text: filter.q };
    const page = query.page ?? 1;
    // The summary needs every result's outcome, not its text: one light indexed read. k as the CLI
    // reports it: every epoch the run was configured with.
    const [{ results, total }, counts, outcomes, tags] = await Promise.all([
      store.caseResultPage(run.id, { ...cellFilter, status: filter.status, limit: runResultsPageSize, offset: (page - 1) * runResultsPageSize }),
      store.caseResultStatusCounts(run.id, cellFilter),
      store.caseOutcomes(run.id),
      store.caseResultTags(run.id),
    ]);
    const definitions = results.length > 0 ? await store.datasetCases(run.datasetHash, results.map((result) => result.caseId)) : new Map<string, CaseDefinition>();
    const summary = summarizeResults(outcomes, { k: run.config.epochs });
    const calibration = run.config.confidence ? runCalibration(run, outcomes).map((group) => ({ ...group, diagram: withoutGroup(reliabilityDiagram(group)) })) : [];
    const live = liveRuns.state(run.id);
    return {
      run,
      live: live !== undefined,
      progress: live ? { done: live.done, total: live.total } : { done: summary.overall.results, total: run.plannedResults },
      summary,
      calibration,
      counts: { all: counts.results, pass: counts.passed, fail: counts.failed, error: counts.errors, flaky: counts.flakyCells, flakyResults: counts.flakyResults },
      filter,
      options: {
        agents: withSelected(run.config.agents, filter.agent),
        models: withSelected(run.config.models, filter.model),
        tags: withSelected(tags, filter.tag),
      },
      page,
      pageSize: runResultsPageSize,
      pageCount: Math.max(1, Math.ceil(total / runResultsPageSize)),
      total,
      results: results.map((result) => toResultRow(result, definitions.get(result.caseId))),
    };
  },
  clientData: (data) => ({
    runId: data.run.id,
    status: data.run.status,
    live: data.live,
    eventsUrl: reportLinks.runEvents(data.run.id),
    filter: data.filter,
    page: data.page,
    refreshMs: liveFiguresRefreshMs,
  }),
});
