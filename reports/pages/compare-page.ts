// Compare (`/compare`, `/api/compare`): a run against a baseline run (`?baseline=&candidate=`), or
// two models within one run (`?run=&modelA=&modelB=`; modelA plays the baseline), with the exact
// McNemar verdict, both sides' summaries and the cases that flipped. With no parameters: the latest
// run against the previous completed run on the same dataset. The forms pick runs and models from
// lists made from the store (recent runs, and the models of the chosen run).
import { z } from 'zod';
import { compareModels, compareRuns, summarizeResults } from '../../eval/index.js';
import type { PairedComparison, ResultSummary } from '../../eval/index.js';
import type { CaseResultRecord, RunRecord, StoreBackend } from '../../store/index.js';
import { comparePickerRuns } from '../constants.js';
import { datasetShortNames } from '../dataset-name.js';
import { badRequest } from '../errors.js';
import { parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { lookUpRun } from '../run-lookup.js';

export interface CompareSide {
  runId: string;
  /** Set when two models of one run are compared. */
  model?: string;
  startedAt: number;
  gitCommit?: string;
  datasetPath: string;
  /** The dataset's short name (see dataset-name.ts). */
  datasetName: string;
  datasetHash: string;
  summary: ResultSummary;
}

export interface FlippedRow {
  caseId: string;
  agent: string;
  /** The model both sides ran; absent when two models are compared. */
  model?: string;
  epoch: number;
  baselineTraceId?: string;
  candidateTraceId?: string;
  /** Why the side that failed failed: its failed checks' reasons, or its error. */
  reasons: string[];
}

/** A recent run offered in the forms' selects. */
export interface CompareChoice {
  id: string;
  startedAt: number;
  status: RunRecord['status'];
  datasetPath: string;
  datasetName: string;
  models: string[];
}

/** What the "two models of a run" form shows chosen: the run compared, else the newest run with two models. */
export interface ModelPick {
  run: string;
  modelA: string;
  modelB: string;
}

export interface ComparePageData {
  mode: 'runs' | 'models' | 'none';
  /** Why there is nothing to compare (mode none). */
  reason?: string;
  /** Whether the parameters were chosen by default (latest against previous). */
  defaulted: boolean;
  baseline?: CompareSide;
  candidate?: CompareSide;
  comparison?: Omit<PairedComparison, 'flipped'>;
  regressions: FlippedRow[];
  improvements: FlippedRow[];
  /** False when the two runs were made on different dataset contents. */
  sameDataset: boolean;
  /** Recent runs, newest first. */
  choices: CompareChoice[];
  /** Absent when no recent run has two models. */
  modelPick?: ModelPick;
}

const querySchema = z.object({
  baseline: textParameter.optional(),
  candidate: textParameter.optional(),
  run: textParameter.optional(),
  modelA: textParameter.optional(),
  modelB: textParameter.optional(),
});

type CompareQuery = z.output<typeof querySchema>;

async function datasetNames(store: StoreBackend): Promise<Map<string, string>> {
  return datasetShortNames((await store.datasets()).map((dataset) => dataset.datasetPath));
}

function side(run: RunRecord, results: readonly CaseResultRecord[], names: ReadonlyMap<string, string>, model?: string): CompareSide {
  return {
    runId: run.id,
    ...(model ? { model } : {}),
    startedAt: run.startedAt,
    ...(run.gitCommit ? { gitCommit: run.gitCommit } : {}),
    datasetPath: run.datasetPath,
    datasetName: names.get(run.datasetPath) ?? run.datasetPath,
    datasetHash: run.datasetHash,
    summary: summarizeResults(results, { k: run.config.epochs }).overall,
  };
}

function failureReasons(result: CaseResultRecord | undefined): string[] {
  if (!result) return [];
  if (result.error) return [`${result.error.code}: ${result.error.message}`];
  return result.checks.filter((check) => !check.passed).map((check) => `${check.check}: ${check.reason}`);
}

function flippedRows(
  comparison: PairedComparison,
  baseline: readonly CaseResultRecord[],
  candidate: readonly CaseResultRecord[],
  keyOf: (result: { caseId: string; agent: string; model?: string; epoch: number }) => string,
): { regressions: FlippedRow[]; improvements: FlippedRow[] } {
  const baselineByKey = new Map(baseline.map((result) => [keyOf(result), result]));
  const candidateByKey = new Map(candidate.map((result) => [keyOf(result), result]));
  const row = (flipped: PairedComparison['flipped']['regressions'][number], failedSide: 'baseline' | 'candidate'): FlippedRow => {
    const before = baselineByKey.get(keyOf(flipped));
    const after = candidateByKey.get(keyOf(flipped));
    return {
      caseId: flipped.caseId,
      agent: flipped.agent,
      ...(flipped.model ? { model: flipped.model } : {}),
      epoch: flipped.epoch,
      ...(before?.traceId ? { baselineTraceId: before.traceId } : {}),
      ...(after?.traceId ? { candidateTraceId: after.traceId } : {}),
      reasons: failureReasons(failedSide === 'baseline' ? before : after),
    };
  };
  return {
    regressions: comparison.flipped.regressions.map((flipped) => row(flipped, 'candidate')),
    improvements: comparison.flipped.improvements.map((flipped) => row(flipped, 'baseline')),
  };
}

function withoutFlipped(comparison: PairedComparison): Omit<PairedComparison, 'flipped'> {
  const { flipped: _flipped, ...rest } = comparison;
  return rest;
}

interface Pickers {
  choices: CompareChoice[];
  modelPick?: ModelPick;
}

/** Recent runs, and the runs compared when they are older than those, so the selects show what is compared. */
async function pickers(store: StoreBackend, names: ReadonlyMap<string, string>, compared: readonly RunRecord[], comparedModels?: ModelPick): Promise<Pickers> {
  const recent = await store.listRuns({ limit: comparePickerRuns });
  const older = compared.filter((run, index) => !recent.some((other) => other.id === run.id) && compared.findIndex((other) => other.id === run.id) === index);
  const choices = [...recent, ...older].map((run) => ({
    id: run.id,
    startedAt: run.startedAt,
    status: run.status,
    datasetPath: run.datasetPath,
    datasetName: names.get(run.datasetPath) ?? run.datasetPath,
    models: run.config.models,
  }));
  if (comparedModels) return { choices, modelPick: comparedModels };
  const run = choices.find((choice) => choice.models.length >= 2);
  return run ? { choices, modelPick: { run: run.id, modelA: run.models[0]!, modelB: run.models[1]! } } : { choices };
}

async function compareTwoRuns(store: StoreBackend, baselineRun: RunRecord, candidateRun: RunRecord, defaulted: boolean): Promise<ComparePageData> {
  const [baselineResults, candidateResults, names] = await Promise.all([store.caseResults(baselineRun.id), store.caseResults(candidateRun.id), datasetNames(store)]);
  const comparison = compareRuns(baselineResults, candidateResults);
  const byCell = (result: { caseId: string; agent: string; model?: string; epoch: number }) => JSON.stringify([result.caseId, result.agent, result.model, result.epoch]);
  return {
    mode: 'runs',
    defaulted,
    baseline: side(baselineRun, baselineResults, names),
    candidate: side(candidateRun, candidateResults, names),
    comparison: withoutFlipped(comparison),
    ...flippedRows(comparison, baselineResults, candidateResults, byCell),
    sameDataset: baselineRun.datasetHash === candidateRun.datasetHash,
    ...(await pickers(store, names, [baselineRun, candidateRun])),
  };
}

async function compareTwoModels(store: StoreBackend, run: RunRecord, modelA: string, modelB: string): Promise<ComparePageData> {
  const models = new Set((await store.runGroupTotals(run.id)).map((group) => group.model));
  for (const model of [modelA, modelB]) {
    if (!models.has(model)) throw badRequest(`Run ${run.id} has no results for model ${JSON.stringify(model)}; it has ${[...models].map((name) => JSON.stringify(name)).join(', ') || 'none'}.`);
  }
  if (modelA === modelB) throw badRequest('?modelA and ?modelB must name two different models.');
  const [baselineResults, candidateResults, names] = await Promise.all([store.caseResults(run.id, { model: modelA }), store.caseResults(run.id, { model: modelB }), datasetNames(store)]);
  const comparison = compareModels([...baselineResults, ...candidateResults], modelA, modelB);
  const byCell = (result: { caseId: string; agent: string; epoch: number }) => JSON.stringify([result.caseId, result.agent, result.epoch]);
  return {
    mode: 'models',
    defaulted: false,
    baseline: side(run, baselineResults, names, modelA),
    candidate: side(run, candidateResults, names, modelB),
    comparison: withoutFlipped(comparison),
    ...flippedRows(comparison, baselineResults, candidateResults, byCell),
    sameDataset: true,
    ...(await pickers(store, names, [run], { run: run.id, modelA, modelB })),
  };
}

async function nothingToCompare(store: StoreBackend, reason: string): Promise<ComparePageData> {
  return { mode: 'none', reason, defaulted: true, regressions: [], improvements: [], sameDataset: true, ...(await pickers(store, await datasetNames(store), [])) };
}

async function load(store: StoreBackend, query: CompareQuery): Promise<ComparePageData> {
  const runsMode = query.baseline !== undefined || query.candidate !== undefined;
  const modelsMode = query.run !== undefined || query.modelA !== undefined || query.modelB !== undefined;
  if (runsMode && modelsMode) throw badRequest('Compare either two runs (?baseline=&candidate=) or two models of a run (?run=&modelA=&modelB=), not both.');
  if (runsMode) {
    if (query.baseline === undefined || query.candidate === undefined) throw badRequest('Comparing runs needs both ?baseline= and ?candidate=.');
    return compareTwoRuns(store, await lookUpRun(store, query.baseline), await lookUpRun(store, query.candidate), false);
  }
  if (modelsMode) {
    if (query.run === undefined || query.modelA === undefined || query.modelB === undefined) throw badRequest('Comparing models needs ?run=, ?modelA= and ?modelB=.');
    return compareTwoModels(store, await lookUpRun(store, query.run), query.modelA, query.modelB);
  }
  const candidate = await store.latestRun();
  if (!candidate) return nothingToCompare(store, 'The store holds no runs yet.');
  const baseline = await store.latestRun({ datasetHash: candidate.datasetHash, status: 'completed', excludeId: candidate.id });
  if (!baseline) return nothingToCompare(store, `No earlier completed run was made on the dataset of the latest run (${candidate.id}); pick two runs or two models above.`);
  return compareTwoRuns(store, baseline, candidate, true);
}

export const comparePage = definePage<ComparePageData>({
  path: '/compare',
  apiPath: '/api/compare',
  view: 'compare',
  nav: 'compare',
  title: (data) => (data.baseline && data.candidate ? `Compare ${data.candidate.model ?? data.candidate.runId} with ${data.baseline.model ?? data.baseline.runId}` : 'Compare'),
  load: async (request, { store }) => load(store, parseQuery(querySchema, request.query)),
  // The model selects follow the run select: each run's models, for assets/charts.js.
  clientData: (data) => ({ chart: 'compare', runs: data.choices.map((choice) => ({ id: choice.id, models: choice.models })) }),
});
