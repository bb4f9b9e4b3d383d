// `--confidence-threshold` of `agentlab eval` and `agentlab run`, and what the eval says at the end
// about the entries it sent to the review queue.
import { InvalidArgumentError, Option } from 'commander';
import { parseConfidenceThreshold } from '../agents/index.js';
import type { QueuedReviews } from '../eval/index.js';

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
