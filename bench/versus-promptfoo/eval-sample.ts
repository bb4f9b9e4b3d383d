// What one measured eval process gives the benchmark, and the checks every run must pass before its
// time counts: a run that failed or erred is never a fast run.
import type { ProcessMeasurement } from '../processes/index.js';
import type { ReplyCase } from '../workloads/index.js';

export interface EvalSample {
  wallMs: number;
  peakRssBytes: number;
  /** The process tree's CPU time (user + system), in ms. */
  cpuMs: number;
}

/** A process's output, for an error message: its start (where a crash says what went wrong) and its end. */
function outputExcerpt(measurement: ProcessMeasurement): string {
  const output = `${measurement.stdout}\n${measurement.stderr}`.trim();
  return output.length > 2400 ? `${output.slice(0, 1200)}\n…\n${output.slice(-1200)}` : output;
}

export function requireExitZero(tool: string, measurement: ProcessMeasurement): void {
  if (measurement.exitCode === 0) return;
  const ending = measurement.exitCode === null ? 'was killed (timeout or signal)' : `exited with ${measurement.exitCode}`;
  throw new Error(`${tool} eval ${ending} after ${(measurement.wallMs / 1000).toFixed(1)} s; its output:\n${outputExcerpt(measurement)}`);
}

export interface ReportedAnswer {
  /** The case's goal (promptfoo) or id (agentlab), whichever the report keys it by. */
  key: string;
  passed: boolean;
  output: string;
}

/**
 * Every case must appear once, have passed, and have been answered exactly what the simulator
 * answers, so that both tools did the same work. `keyOf` picks the report's key for a case.
 */
export function requireEveryCasePassed(
  where: string,
  cases: readonly ReplyCase[],
  answers: readonly ReportedAnswer[],
  keyOf: (replyCase: ReplyCase) => string,
): void {
  if (answers.length !== cases.length) throw new Error(`${where}: ${answers.length} results, expected ${cases.length}`);
  const byKey = new Map(answers.map((answer) => [answer.key, answer]));
  for (const replyCase of cases) {
    const answer = byKey.get(keyOf(replyCase));
    if (!answer) throw new Error(`${where}: no result for case ${replyCase.id}`);
    if (!answer.passed) throw new Error(`${where}: case ${replyCase.id} did not pass; answer ${JSON.stringify(answer.output)}`);
    if (answer.output !== replyCase.expected) {
      throw new Error(`${where}: case ${replyCase.id} was answered ${JSON.stringify(answer.output)}, expected exactly ${JSON.stringify(replyCase.expected)}`);
    }
  }
}
