// The errors of agent targets a user can see, each with a stable code. All of them are raised before
// any case runs: a target that cannot be opened stops the eval with exit 2.
import { AgentlabError } from '../models/index.js';

export type TargetErrorCode =
  /** An --agents entry or a case's agent that is neither built in, nor in the config, nor an inline reference. */
  | 'AGENTLAB_AGENT_UNKNOWN'
  /** A module that cannot be loaded or has no usable export. */
  | 'AGENTLAB_AGENT_MODULE_INVALID'
  /** A command whose program cannot be found or started. */
  | 'AGENTLAB_AGENT_COMMAND_INVALID'
  /** An HTTP target that refused the first probe. */
  | 'AGENTLAB_AGENT_UNREACHABLE';

export class TargetError extends AgentlabError {
  declare readonly code: TargetErrorCode;

  constructor(code: TargetErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** What went wrong inside one case of a target (a crash, a bad answer): becomes that case's error result. */
export class TargetRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TargetRunError';
  }
}
