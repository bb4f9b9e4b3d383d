// The content page's figures from the store's totals (store.contentRuns.report), in JavaScript on a
// few rows a day: each day's pieces by outcome, the fact-check's accuracy automated and after review
// with Wilson 95% intervals, cost per day and per worker, latency per stage, the newest pieces.
//
// Every recorded run of a piece counts once, on the UTC day it finished: a piece redone after a
// reviewer returned it counts again when the redo finishes. Outcomes: published automatically
// (`published`, or `ready`: confident with no folder to publish to), sent to review and still waiting
// (or its review is not in the store), published after review (the review accepted it), returned
// (rejected or corrected), failed. The run that publishes a piece a reviewer accepted (the settler's,
// `published` with the review's id) is not another piece.
//
// Accuracy is the share of checked claims that hold, over the runs whose fact-check checked a claim.
// Automated: the fact-checker's verdicts (supported claims / checked claims). After review: the same,
// except that a decided review's verdict replaces the fact-checker's on every claim of its piece:
// accepted, all of them hold; rejected or corrected, none does (the decision is about the piece, and
// the store does not say which claims the reviewer found wrong, so none of its claims is vouched for).
// The intervals treat claims as independent trials; claims of one piece are not, so read them as a
// lower bound on the uncertainty.
import { wilsonInterval } from '../eval/index.js';
import type { WilsonInterval } from '../eval/index.js';
import type { ContentClaimTotals, ContentRecentRun, ContentReportTotals } from '../store/index.js';
import { contentStages, contentWorkers, millisecondsPerDay } from './constants.js';

export interface ContentOutcomes {
  pieces: number;
  publishedAutomatically: number;
  /** Every piece sent to review: waiting, published after review and returned. */
  sentToReview: number;
  waitingForReview: number;
  publishedAfterReview: number;
  returned: number;
  failed: number;
}

export interface ClaimAccuracy {
  /** Runs whose fact-check checked at least one claim. */
  checkedPieces: number;
  claimsChecked: number;
  claimsHolding: number;
  /** claimsHolding / claimsChecked with its Wilson 95% interval; rate NaN (null in JSON) when nothing was checked. */
  interval: WilsonInterval;
}

export interface ContentAccuracy {
  automated: ClaimAccuracy;
  afterReview: ClaimAccuracy;
  /** Checked pieces whose review was decided, so whose verdict replaced the fact-checker's. */
  reviewedPieces: number;
}

export interface ContentDay extends ContentOutcomes {
  day: string;
  costUsd: number;
  accuracy: ContentAccuracy;
}

export interface ContentWorkerCost {
  worker: string;
  /** The models it ran on, the most runs first. */
  models: string[];
  runs: number;
  modelCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** costUsd over every piece of the period, whether or not this worker ran on it. */
  costPerPiece?: number;
  /** Runs that carried no cost for this worker (left out of costUsd). */
  unpricedRuns: number;
}

export interface ContentStageFigures {
  stage: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
}

export interface ContentReport {
  overall: ContentOutcomes & { costUsd: number; costPerPiece?: number; accuracy: ContentAccuracy };
  /** Every day of the period, oldest first, days without pieces included. */
  days: ContentDay[];
  workers: ContentWorkerCost[];
  stages: ContentStageFigures[];
  recent: ContentRecentRun[];
}

const emptyClaims = (): ContentClaimTotals => ({ checkedRuns: 0, claimsChecked: 0, claimsSupported: 0 });

interface DayAccumulator {
  outcomes: ContentOutcomes;
  costUsd: number;
  claims: ContentClaimTotals;
  /** Claims of the runs whose review was decided, by decision. */
  accepted: ContentClaimTotals;
  returned: ContentClaimTotals;
}

function emptyDay(): DayAccumulator {
  return {
    outcomes: { pieces: 0, publishedAutomatically: 0, sentToReview: 0, waitingForReview: 0, publishedAfterReview: 0, returned: 0, failed: 0 },
    costUsd: 0,
    claims: emptyClaims(),
    accepted: emptyClaims(),
    returned: emptyClaims(),
  };
}

function addClaims(into: ContentClaimTotals, from: ContentClaimTotals): void {
  into.checkedRuns += from.checkedRuns;
  into.claimsChecked += from.claimsChecked;
  into.claimsSupported += from.claimsSupported;
}

function claimAccuracy(checkedPieces: number, claimsChecked: number, claimsHolding: number): ClaimAccuracy {
  return { checkedPieces, claimsChecked, claimsHolding, interval: wilsonInterval(claimsHolding, claimsChecked) };
}

function accuracyOf(day: DayAccumulator): ContentAccuracy {
  const { claims, accepted, returned } = day;
  // Accepted: every claim holds; returned: none does; the rest keep the fact-checker's verdicts.
  const holdingAfterReview = claims.claimsSupported - accepted.claimsSupported + accepted.claimsChecked - returned.claimsSupported;
  return {
    automated: claimAccuracy(claims.checkedRuns, claims.claimsChecked, claims.claimsSupported),
    afterReview: claimAccuracy(claims.checkedRuns, claims.claimsChecked, holdingAfterReview),
    reviewedPieces: accepted.checkedRuns + returned.checkedRuns,
  };
}

/** Every UTC day from `fromDay` to `toDay`, both included. */
export function daysBetween(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${fromDay}T00:00:00Z`); time <= Date.parse(`${toDay}T00:00:00Z`); time += millisecondsPerDay) days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

/** The known names in their order, then any others in alphabetical order. */
function inOrder(names: Iterable<string>, known: readonly string[]): string[] {
  const found = new Set(names);
  return [...known.filter((name) => found.has(name)), ...[...found].filter((name) => !known.includes(name)).sort()];
}

function workerCosts(totals: ContentReportTotals['byWorker'], pieces: number): ContentWorkerCost[] {
  const byWorker = new Map<string, ContentWorkerCost>();
  for (const row of totals) {
    const worker = byWorker.get(row.worker) ?? { worker: row.worker, models: [], runs: 0, modelCalls: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedRuns: 0 };
    // The store gives each worker's models the most runs first.
    worker.models.push(row.model);
    worker.runs += row.runs;
    worker.modelCalls += row.modelCalls;
    worker.toolCalls += row.toolCalls;
    worker.inputTokens += row.inputTokens;
    worker.outputTokens += row.outputTokens;
    worker.costUsd += row.costUsd;
    worker.unpricedRuns += row.unpricedRuns;
    byWorker.set(row.worker, worker);
  }
  return inOrder(byWorker.keys(), contentWorkers).map((name) => {
    const worker = byWorker.get(name)!;
    return pieces > 0 ? { ...worker, costPerPiece: worker.costUsd / pieces } : worker;
  });
}

export function contentReport(totals: ContentReportTotals, period: { fromDay: string; toDay: string }): ContentReport {
  const days = new Map(daysBetween(period.fromDay, period.toDay).map((day) => [day, emptyDay()]));
  const dayOf = (day: string) => {
    const found = days.get(day) ?? emptyDay();
    days.set(day, found);
    return found;
  };
  for (const row of totals.byDayStatus) {
    // The settler's run that published an accepted piece: the piece counted when it went to review.
    if (row.status === 'settled') continue;
    const day = dayOf(row.day);
    day.outcomes.pieces += row.runs;
    if (row.status === 'published' || row.status === 'ready') day.outcomes.publishedAutomatically += row.runs;
    else if (row.status === 'failed') day.outcomes.failed += row.runs;
    else day.outcomes.sentToReview += row.runs;
    day.costUsd += row.costUsd;
    addClaims(day.claims, row);
  }
  for (const row of totals.byDayReview) {
    const day = dayOf(row.day);
    if (row.review === 'accepted') {
      day.outcomes.publishedAfterReview += row.runs;
      addClaims(day.accepted, row);
    } else if (row.review === 'rejected' || row.review === 'corrected') {
      day.outcomes.returned += row.runs;
      addClaims(day.returned, row);
    }
  }
  const overall = emptyDay();
  const dayRows: ContentDay[] = [...days.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([day, accumulated]) => {
    const outcomes = accumulated.outcomes;
    // The runs sent to review whose decision is neither accepted nor returned still wait.
    outcomes.waitingForReview = outcomes.sentToReview - outcomes.publishedAfterReview - outcomes.returned;
    for (const key of Object.keys(overall.outcomes) as Array<keyof ContentOutcomes>) overall.outcomes[key] += outcomes[key];
    overall.costUsd += accumulated.costUsd;
    addClaims(overall.claims, accumulated.claims);
    addClaims(overall.accepted, accumulated.accepted);
    addClaims(overall.returned, accumulated.returned);
    return { day, ...outcomes, costUsd: accumulated.costUsd, accuracy: accuracyOf(accumulated) };
  });
  const pieces = overall.outcomes.pieces;
  const stages = new Map(totals.stageLatency.map((stage) => [stage.stage, stage]));
  return {
    overall: { ...overall.outcomes, costUsd: overall.costUsd, ...(pieces > 0 ? { costPerPiece: overall.costUsd / pieces } : {}), accuracy: accuracyOf(overall) },
    days: dayRows,
    workers: workerCosts(totals.byWorker, pieces),
    stages: inOrder(stages.keys(), contentStages).map((name) => stages.get(name)!),
    recent: totals.recent,
  };
}
