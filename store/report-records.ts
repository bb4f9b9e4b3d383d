// What the report queries return: totals aggregated in SQL over runs, (model, agent) groups, days,
// datasets and one case's history. The report server turns these into pages.
import type { RunRecord, RunStatus } from './records.js';

/** Counts and sums over a set of case results. */
export interface ResultTotals {
  results: number;
  passed: number;
  failed: number;
  /** Crashes and endpoint failures; reports leave them out of success rates. */
  errors: number;
  inputTokens: number;
  outputTokens: number;
  /** USD over the results that have a price; undefined when none has. */
  costUsd?: number;
  /** Results with a price, and how many of those passed: cost per success is costUsd / pricedPasses. */
  pricedResults: number;
  pricedPasses: number;
  /** Sum over the results, for a mean. */
  latencyMs: number;
}

export interface RunOverview {
  run: RunRecord;
  totals: ResultTotals;
}

export interface RunOverviewOptions {
  /** All runs when not given. */
  limit?: number;
  offset?: number;
  datasetPath?: string;
  status?: RunStatus;
}

export interface GroupTotals extends ResultTotals {
  model: string;
  agent: string;
}

/** A span of time by run start, in milliseconds since the Unix epoch: since inclusive, until exclusive. */
export interface PeriodOptions {
  since?: number;
  until?: number;
  datasetPath?: string;
}

export interface DailyGroupTotals extends GroupTotals {
  /** The runs' start day, `YYYY-MM-DD` in UTC. */
  day: string;
  runs: number;
}

export interface CostBreakdown {
  byModel: Array<ResultTotals & { model: string }>;
  byAgent: Array<ResultTotals & { agent: string }>;
  byDataset: Array<ResultTotals & { datasetPath: string }>;
  byDay: Array<ResultTotals & { day: string }>;
  overall: ResultTotals;
}

export interface DatasetOverview {
  datasetPath: string;
  runs: number;
  lastStartedAt: number;
}

/** One case's results in one run for one (agent, model), over the run's epochs. */
export interface CaseRunOutcome extends ResultTotals {
  runId: string;
  runStartedAt: number;
  runStatus: RunStatus;
  runGitCommit?: string;
  agent: string;
  model: string;
  /** A trace of a result that did not pass when there is one, else of any result. */
  traceId?: string;
}

/** One case's results across runs for one (agent, model). */
export interface CaseGroupTotals extends GroupTotals {
  runs: number;
  /** Runs whose epochs disagreed: some passed and some failed. */
  flakyRuns: number;
  firstStartedAt: number;
  lastStartedAt: number;
}

export interface CaseOutcomeOptions {
  agent?: string;
  model?: string;
  /** The newest runs only; every run when not given. */
  limit?: number;
}
