// Errors of the eval that a user can see, each with a stable code.
import { AgentlabError } from '../models/index.js';

export type EvalErrorCode =
  | 'AGENTLAB_RUN_NOT_FOUND'
  | 'AGENTLAB_RESUME_MISMATCH'
  | 'AGENTLAB_RETRY_ERRORS_INVALID'
  | 'AGENTLAB_RESUME_DATASET_MISSING'
  | 'AGENTLAB_EVAL_EMPTY'
  | 'AGENTLAB_SHARD_INVALID'
  | 'AGENTLAB_SHARD_MISMATCH'
  | 'AGENTLAB_RUN_ID_INVALID'
  | 'AGENTLAB_RESUME_SHARDED'
  | 'AGENTLAB_MERGE_INVALID'
  | 'AGENTLAB_BASELINE_NOT_FOUND'
  | 'AGENTLAB_AGENT_NOT_OPENED'
  | 'AGENTLAB_AGENT_UNKNOWN_IN_DATASET'
  | 'AGENTLAB_CONFIDENCE_THRESHOLD_INVALID';

export class EvalError extends AgentlabError {
  constructor(code: EvalErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'EvalError';
  }
}
