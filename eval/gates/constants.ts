// Defaults of the gates: what a run must hold to pass when the user sets nothing.

/**
 * Largest share of error results a run may have and pass (`--max-errors`): errors are left out of
 * the success rate, so without this a run where most cases never reached the model could pass on
 * the few that did. 1 turns the gate off.
 */
export const DEFAULT_MAX_ERRORS = 0.1;

/** Kinds of error (code and message) named in a failed gate's one line; the summary lists more. */
export const GATE_ERROR_GROUPS_SHOWN = 3;
