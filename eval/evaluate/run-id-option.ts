// `--run-id`: the id a run is made under, so that n CI jobs (`--shard i/n`) write into one run on a
// shared store. Checked before anything is opened: an id the report's URLs and a shell can carry, and
// not together with --resume or --retry-errors, which name the run to continue themselves.
import { EvalError } from '../errors.js';

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function runIdProblem(id: string): string | undefined {
  return runIdPattern.test(id) ? undefined : 'expected 1 to 128 letters, digits, dots, colons, dashes or underscores, starting with a letter or digit (e.g. the CI run number)';
}

export function checkRunIdOption(options: { runId?: string; resume?: string; retryErrors?: string }): void {
  if (options.runId === undefined) return;
  const problem = runIdProblem(options.runId);
  if (problem) throw new EvalError('AGENTLAB_RUN_ID_INVALID', `--run-id ${JSON.stringify(options.runId)}: ${problem}`);
  if (options.resume !== undefined || options.retryErrors !== undefined) {
    throw new EvalError('AGENTLAB_RUN_ID_INVALID', `--run-id cannot be combined with ${options.resume !== undefined ? '--resume' : '--retry-errors'}: running a shard of run ${options.runId} again resumes it`);
  }
}
