// Words for each way a tool call can fail. Every message starts with `Error: `, which is how the
// simulated model (and a reader of a trace) tells a failure from a result.
import type { z } from 'zod';
import { MAX_ERROR_MESSAGE_LENGTH } from './constants.js';
import type { ApprovalVerdict, Permission, PermissionDecision } from './permission.js';

/** Readers, the simulated model among them, take any result starting with this word as failed. */
export const failureWord = 'Error';
export const failurePrefix = `${failureWord}: `;

export function unknownToolMessage(name: string, available: readonly string[]): string {
  const list = available.length > 0 ? available.join(', ') : '(none)';
  return `${failurePrefix}unknown tool "${name}". Available tools: ${list}.`;
}

export function invalidJsonMessage(parseError: string, schema: Record<string, unknown>): string {
  return (
    `${failurePrefix}arguments are not valid JSON (${parseError}). ` +
    `Expected arguments matching this JSON Schema: ${JSON.stringify(schema)}`
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
  // zod prefixes type errors with "Invalid input: ", which tells the model nothing new.
  return `${field}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

export function invalidArgumentsMessage(
  issues: readonly z.core.$ZodIssue[],
  schema: Record<string, unknown>,
): string {
  return (
    `${failurePrefix}invalid arguments: ${issues.map(describeIssue).join('; ')}. ` +
    `Expected arguments matching this JSON Schema: ${JSON.stringify(schema)}`
  );
}

export function permissionDeniedMessage(
  toolName: string,
  permission: Permission,
  allowed: readonly Permission[],
  decision: Extract<PermissionDecision, { reason: 'not_allowed' | 'approval_required' | 'approval_failed' }>,
): string {
  const allowedList = allowed.length > 0 ? allowed.join(', ') : 'nothing';
  const howToAllow = `To let it run, allow ${permission} calls (--allow ${permission}) or approve the call.`;
  switch (decision.reason) {
    case 'not_allowed':
      return `${failurePrefix}permission denied: ${toolName} is ${permission} and this run allows ${allowedList}. ${howToAllow}`;
    case 'approval_required':
      return `${failurePrefix}permission denied: ${toolName} needs an approval (config approvals.tools) and no one can approve it in this run.`;
    case 'approval_failed':
      return `${failurePrefix}permission denied: ${toolName} is ${permission} and asking for approval failed (${decision.detail ?? 'unknown error'}). ${howToAllow}`;
  }
}

/** What the model reads when a person (or a policy) rejected its call. */
export function rejectedMessage(toolName: string, verdict: ApprovalVerdict): string {
  const reason = verdict.reason?.trim();
  return `${failurePrefix}the call to ${toolName} was rejected by ${verdict.by}${reason ? `: ${reason}` : '.'}`;
}

/** Never read by a model: the run stops at the gate and the call is answered when it resumes. */
export function awaitingApprovalMessage(toolName: string): string {
  return `${failurePrefix}the call to ${toolName} is waiting for an approval`;
}

export function timeoutMessage(timeoutMs: number): string {
  return `${failurePrefix}tool timed out after ${timeoutMs} ms`;
}

export function abortedMessage(reason: unknown): string {
  const detail = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return `${failurePrefix}tool call aborted${detail ? ` (${detail})` : ''}`;
}

/** A thrown error as the model should read it: its message, without a doubled `Error: `. */
export function thrownErrorMessage(toolName: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/^Error: /, '').trim() || `${toolName} failed without a message`;
  const capped =
    message.length > MAX_ERROR_MESSAGE_LENGTH ? `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}...` : message;
  return `${failurePrefix}${capped}`;
}
