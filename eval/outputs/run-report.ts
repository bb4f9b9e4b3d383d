// What every output renders: a run, its results, their summary, the comparison with a baseline
// and the gates that decide the exit code.
import type { ErrorGroup, PairedComparison, GroupSummary, ResultSummary } from '../statistics/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';

export interface GateResult {
  /** `min-success`, `no-regression`, `max-errors`, `scored-results`. */
  gate: string;
  passed: boolean;
  /** What was measured against what, for a person. */
  detail: string;
}

export interface BaselineComparison {
  baselineRunId: string;
  result: PairedComparison;
}

/** With --record or --replay: what was recorded or replayed, and what it cost. */
export interface CassetteReport {
  mode: 'record' | 'replay';
  /** The cassette directory, as given. */
  directory: string;
  cells: number;
  /** Answers served from cassettes, calls sent to an endpoint (and recorded), requests no cassette held. */
  replayed: number;
  recorded: number;
  missed: number;
  /** What the run's results cost at the models' prices, as recorded; absent without prices. */
  recordedCostUsd?: number;
  /** What this eval spent on calls sent to an endpoint (0 for a whole replay); absent without prices. */
  spentCostUsd?: number;
  /** The same in one sentence, as the terminal and the Markdown summary say it. */
  line: string;
}

/** One rate-limited model of the run: the limits it kept and what its limiter did (models/rate-limit). */
export interface RateLimitedModel {
  /** The model as the endpoint knows it, and the endpoint's base URL. */
  model: string;
  baseURL: string;
  rpm?: number;
  tpm?: number;
  maxConcurrency?: number;
  /** Calls let through to the endpoint. */
  sent: number;
  /** Calls that waited their turn under the limits, and the milliseconds they waited in all. */
  waited: number;
  waitedMs: number;
  /** 429 answers the endpoint still gave (each held every waiting call and halved the pace). */
  refused: number;
  /** Calls per minute over the run's own time, when it has finished. */
  callsPerMinute?: number;
}

/** The rate limits an eval ran under, with the sentence the terminal and the Markdown summary say. */
export interface RateLimitReport {
  models: RateLimitedModel[];
  line: string;
}

/** What the summary table shows: figures only, so it can be made for a run of any size. */
export interface RunSummaryReport {
  run: RunRecord;
  groups: GroupSummary[];
  overall: ResultSummary;
  /** The run's errors grouped by code and message, most frequent first; empty when there are none. */
  errorGroups: ErrorGroup[];
  comparison?: BaselineComparison;
  gates: GateResult[];
  cassettes?: CassetteReport;
  /** With rpm, tpm or maxConcurrency on a model: how the calls went under them. */
  rateLimits?: RateLimitReport;
}

/** The summary with every result, for the outputs that list them (JUnit, Markdown, JSON). */
export interface RunReport extends RunSummaryReport {
  results: CaseResultRecord[];
}
