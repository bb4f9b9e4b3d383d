// `--confidence-threshold` of `agentlab eval` and `agentlab run`, and what the eval says at the end:
// the calibration of its ratings, and the entries it sent to the review queue.
import { InvalidArgumentError, Option } from 'commander';
import { parseConfidenceThreshold } from '../agents/index.js';
import { calibrationRows, runCalibration, type QueuedReviews } from '../eval/index.js';
import type { CaseOutcome, RunRecord } from '../store/index.js';
import { formatTable } from './format-table.js';

function parseThresholdOption(value: string): number {
  const parsed = parseConfidenceThreshold(value);
  if ('problem' in parsed) throw new InvalidArgumentError(`${parsed.problem}.`);
  return parsed.threshold;
}

/** The option, with `what` saying what is rated (every answer of the eval, the run's answer). */
export function confidenceThresholdOption(what: string): Option {
  return new Option(
    '--confidence-threshold <0-1>',
    `rate ${what} with a second call to the model (structured { confidence, reasoning }; its tokens and cost count with the result's) and send those below this to the review queue; the config's confidence: turns it on at 0.85`,
  ).argParser(parseThresholdOption);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One line for the end of an eval, or undefined when nothing went to the queue. `reportUrl` when a report is served. */
export function describeQueuedReviews(queued: QueuedReviews, reportUrl?: string): string | undefined {
  const total = queued.lowConfidence + queued.retriesExhausted;
  if (total === 0) return undefined;
  const kinds = [
    ...(queued.lowConfidence > 0 ? [`${plural(queued.lowConfidence, 'answer', 'answers')} rated below the confidence threshold`] : []),
    ...(queued.retriesExhausted > 0 ? [`${plural(queued.retriesExhausted, 'task that', 'tasks that')} spent the retry budget`] : []),
  ];
  const where = reportUrl ? `${reportUrl}/reviews` : '/reviews on the report (agentlab serve)';
  return `Review queue: ${plural(total, 'entry', 'entries')} added (${kinds.join(', ')}). See them with agentlab reviews list, or ${where}.`;
}

/** The calibration table under the summary when answers were rated, or undefined when none were. */
export function formatCalibrationTable(run: RunRecord, outcomes: readonly CaseOutcome[]): string | undefined {
  const groups = runCalibration(run, outcomes);
  if (groups.length === 0) return undefined;
  const headers = ['model', 'agent', 'rated', 'threshold', 'Brier', 'ECE', 'escalated', 'pass escalated [95% CI]', 'pass kept [95% CI]'];
  const table = formatTable(headers.map((header, index) => ({ header, align: index < 2 ? 'left' : 'right' })), calibrationRows(groups));
  return `Calibration of the confidence ratings (Brier and ECE: 0 is perfect; a useful threshold keeps the escalated pass rate well below the kept one):\n${table}`;
}
