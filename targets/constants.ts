// Defaults of agent targets, in one place.

/** Inline references: `module:./agent.ts#name`, `command:python3 agent.py`, `http:http://127.0.0.1:8000/run`. */
export const MODULE_PREFIX = 'module:';
export const COMMAND_PREFIX = 'command:';
export const HTTP_PREFIX = 'http:';

/** How much of a failed command's stderr goes into its error result. */
export const STDERR_TAIL_CHARACTERS = 2_000;
/** Output a command may print before it is cut off (and the case is an error). */
export const MAX_COMMAND_OUTPUT_BYTES = 16 * 1024 * 1024;
/** After SIGTERM to a command's process group, how long before SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/** How long the first probe of an HTTP target may take before it counts as unreachable. */
export const HTTP_PROBE_TIMEOUT_MS = 5_000;
/** The answer field of an HTTP target's JSON response, and of a command's last JSON line. */
export const DEFAULT_OUTPUT_FIELD = 'output';
/** The tracer name of spans agentlab makes for targets. */
export const TARGET_TRACER_NAME = 'agentlab';
