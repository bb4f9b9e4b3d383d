// `--retry-errors <run-id>`: run again the cells of a run whose result is an error (an endpoint that
// was down, a crash, a timeout) and replace those results in the same run, as promptfoo's
// --retry-errors does; every other result is kept as it was. A run that was interrupted also gets
// the cells it never made, as --resume would: then it is complete and has no error a retry can fix.
import { EvalError } from '../errors.js';

export interface ContinueOptions {
  /** Finish this interrupted run. */
  resume?: string;
  /** Run again the errored (and missing) cells of this run. */
  retryErrors?: string;
}

/** The id of the run this eval continues, if any; refuses --resume and --retry-errors together. */
export function continuedRunId(options: ContinueOptions): string | undefined {
  if (options.resume !== undefined && options.retryErrors !== undefined) {
    throw new EvalError(
      'AGENTLAB_RETRY_ERRORS_INVALID',
      `--retry-errors cannot be combined with --resume: --retry-errors ${options.retryErrors} already runs the cells the run never made, as well as the errored ones`,
    );
  }
  return options.retryErrors ?? options.resume;
}
