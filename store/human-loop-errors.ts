// The errors the agent-run, approval and review tables raise: StoreErrors with codes of their own.
// Not found and ambiguous are a user's mistake (exit 2, HTTP 404); already decided and run finished
// are a conflict (exit 2, HTTP 409): in every case nothing has changed.
import { StoreError } from './errors.js';
import type { ApprovalRecord, ReviewRecord } from './human-loop-records.js';

export function agentRunNotFound(idOrPrefix: string): StoreError {
  return new StoreError('AGENTLAB_AGENT_RUN_NOT_FOUND', `No agent run has the id ${JSON.stringify(idOrPrefix)} or an id starting with it (agentlab runs list shows eval runs; agent runs come from agentlab run).`);
}

export function approvalNotFound(idOrPrefix: string): StoreError {
  return new StoreError('AGENTLAB_APPROVAL_NOT_FOUND', `No approval has the id ${JSON.stringify(idOrPrefix)} or an id starting with it: agentlab approvals list shows them.`);
}

export function approvalAlreadyDecided(approval: ApprovalRecord): StoreError {
  const by = approval.decidedBy === undefined ? '' : ` by ${approval.decidedBy}`;
  const at = approval.decidedAt === undefined ? '' : ` at ${new Date(approval.decidedAt).toISOString()}`;
  return new StoreError('AGENTLAB_APPROVAL_ALREADY_DECIDED', `Approval ${approval.id} was already ${approval.status}${by}${at}; nothing was changed.`);
}

export function approvalRunFinished(approval: ApprovalRecord, runStatus: string): StoreError {
  return new StoreError('AGENTLAB_APPROVAL_RUN_FINISHED', `Approval ${approval.id} belongs to run ${approval.runId}, which has already ended (${runStatus}); nothing was changed.`);
}

export function reviewNotFound(idOrPrefix: string): StoreError {
  return new StoreError('AGENTLAB_REVIEW_NOT_FOUND', `No review has the id ${JSON.stringify(idOrPrefix)} or an id starting with it: agentlab reviews list shows them.`);
}

export function reviewAlreadyDecided(review: ReviewRecord): StoreError {
  const by = review.decidedBy === undefined ? '' : ` by ${review.decidedBy}`;
  const at = review.decidedAt === undefined ? '' : ` at ${new Date(review.decidedAt).toISOString()}`;
  return new StoreError('AGENTLAB_REVIEW_ALREADY_DECIDED', `Review ${review.id} was already ${review.status}${by}${at}; nothing was changed.`);
}

export function reviewInputInvalid(message: string): StoreError {
  return new StoreError('AGENTLAB_REVIEW_INPUT_INVALID', message);
}

export function idAmbiguous(kind: string, prefix: string, candidates: string[]): StoreError {
  return new StoreError('AGENTLAB_ID_AMBIGUOUS', `${kind} id prefix ${JSON.stringify(prefix)} matches several (${candidates.join(', ')}): give more characters.`);
}
