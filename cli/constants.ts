// Defaults and exit codes of the agentlab command.

/** Port of `agentlab sim` when none is given: fixed so that OPENAI_BASE_URL can be written down once. */
export const DEFAULT_SIM_PORT = 8787;
/** `agentlab sim` binds loopback unless told otherwise: the simulator has no authentication. */
export const DEFAULT_SIM_HOST = '127.0.0.1';
/** Port of `agentlab serve` and `agentlab eval --serve`. */
export const DEFAULT_REPORT_PORT = 7070;
/** The report server binds loopback unless told otherwise; anything else needs a token. */
export const DEFAULT_REPORT_HOST = '127.0.0.1';

export const EXIT_SUCCESS = 0;
/** Something failed while doing what was asked (a port in use, an endpoint down). */
export const EXIT_FAILURE = 1;
/** What was asked cannot be done as asked: bad arguments, an invalid config or model reference. */
export const EXIT_USAGE = 2;
/** `agentlab run` paused at an approval gate: the run waits in the store for a decision and `--resume`. */
export const EXIT_AWAITING_APPROVAL = 3;
/** `agentlab content work` stopped by a second Ctrl+C: the pieces in hand were released, not finished (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Error codes that mean the user asked wrongly, so exit with EXIT_USAGE. */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set([
  'AGENTLAB_MODEL_REFERENCE_INVALID',
  'AGENTLAB_CONFIG_INVALID',
  'AGENTLAB_CONFIG_NOT_FOUND',
  'AGENTLAB_API_KEY_MISSING',
  'AGENTLAB_BASE_URL_INVALID',
  'AGENTLAB_RUN_NOT_FOUND',
  'AGENTLAB_RUN_ID_AMBIGUOUS',
  'AGENTLAB_RESUME_MISMATCH',
  'AGENTLAB_RETRY_ERRORS_INVALID',
  'AGENTLAB_RESUME_DATASET_MISSING',
  'AGENTLAB_RUN_IN_PROGRESS',
  'AGENTLAB_SHARD_INVALID',
  // --record/--replay: a tampered cassette line (file:line), a directory that is not there, flags that do not go together.
  'AGENTLAB_CASSETTE_INVALID',
  'AGENTLAB_CASSETTE_DIRECTORY_NOT_FOUND',
  'AGENTLAB_CASSETTE_OPTIONS_INVALID',
  // Shards of one run (--run-id) and agentlab merge: a shard that differs from its run, runs twice at
  // once or names a run not made by shards; shard files that are not pieces of one run.
  'AGENTLAB_SHARD_MISMATCH',
  'AGENTLAB_SHARD_IN_PROGRESS',
  'AGENTLAB_RUN_NOT_SHARDED',
  'AGENTLAB_RUN_ID_INVALID',
  'AGENTLAB_RESUME_SHARDED',
  'AGENTLAB_MERGE_INVALID',
  'AGENTLAB_EVAL_EMPTY',
  'AGENTLAB_BASELINE_NOT_FOUND',
  'AGENTLAB_AGENT_UNKNOWN',
  'AGENTLAB_AGENT_MODULE_INVALID',
  'AGENTLAB_AGENT_COMMAND_INVALID',
  'AGENTLAB_AGENT_UNREACHABLE',
  'AGENTLAB_AGENT_UNKNOWN_IN_DATASET',
  'AGENTLAB_STORE_OPEN_FAILED',
  'AGENTLAB_STORE_VERSION_TOO_NEW',
  // A PostgreSQL store that stopped answering.
  'AGENTLAB_STORE_UNAVAILABLE',
  'AGENTLAB_SERVE_TOKEN_REQUIRED',
  'AGENTLAB_DATASET_INVALID',
  'AGENTLAB_DATASET_NOT_FOUND',
  'AGENTLAB_OTLP_PROTOCOL_INVALID',
  // agentlab memory: a blank fact or bad namespace, an id the store does not hold.
  'AGENTLAB_MEMORY_INPUT_INVALID',
  'AGENTLAB_MEMORY_NOT_FOUND',
  'AGENTLAB_EPISODE_NOT_FOUND',
  // agentlab approvals and run --resume: an id the store does not hold or that matches several, an
  // approval decided already or whose run has ended (nothing is changed).
  'AGENTLAB_AGENT_RUN_NOT_FOUND',
  'AGENTLAB_APPROVAL_NOT_FOUND',
  'AGENTLAB_APPROVAL_ALREADY_DECIDED',
  'AGENTLAB_APPROVAL_RUN_FINISHED',
  'AGENTLAB_ID_AMBIGUOUS',
  // agentlab reviews: a review the store does not hold, decided already, a correction without its
  // answer, a lesson asked of a review that has none to record (nothing is changed).
  'AGENTLAB_REVIEW_NOT_FOUND',
  'AGENTLAB_REVIEW_ALREADY_DECIDED',
  'AGENTLAB_REVIEW_INPUT_INVALID',
  'AGENTLAB_REVIEW_NO_LESSON',
  // agentlab content: an AGENTLAB_QUEUE_URL no backend knows, an id or option the queue refuses, a topic that is no topic.
  'AGENTLAB_QUEUE_URL_UNSUPPORTED',
  'AGENTLAB_QUEUE_INPUT_INVALID',
  'AGENTLAB_CONTENT_TOPIC_INVALID',
]);

/** Model `agentlab run` uses when none is given: the simulator, so a first run needs no API key. */
export const DEFAULT_RUN_MODEL = 'sim:strong';
/** How often a run waiting at an approval gate reads the store for the decision. */
export const APPROVAL_POLL_INTERVAL_MS = 500;
/** Longest text (tool arguments, results, errors) shown on one progress line, in characters. */
export const PROGRESS_TEXT_MAX_LENGTH = 120;
/** Longest error message shown in the summary of `agentlab run`, in characters. */
export const SUMMARY_ERROR_MAX_LENGTH = 500;
