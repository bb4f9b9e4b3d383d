// Permission levels, which calls need an approval, the request a person (or a policy) sees, and the
// gate that answers it: approve or reject (saying who, when and why), or pause the run until someone does.
import { z } from 'zod';

export const permissionLevels = ['read', 'write', 'destructive'] as const;

/** `read` observes, `write` creates or changes, `destructive` deletes or acts outside the run. */
export type Permission = (typeof permissionLevels)[number];

/** For parsing `--allow` flags and config files. */
export const permissionSchema = z.enum(permissionLevels);

/** A tool's own approval setting (config `approvals.tools`): `required` always asks, `never` never does. */
export const toolApprovalSettings = ['required', 'never'] as const;
export type ToolApprovalSetting = (typeof toolApprovalSettings)[number];

/** Which calls must be approved before they run. */
export interface ApprovalRules {
  /** Permission levels that run without asking. */
  allowed: readonly Permission[];
  /** Per tool, over the levels: a tool set to `required` asks even when its level is allowed, `never` never asks. */
  tools?: Readonly<Record<string, ToolApprovalSetting>>;
}

/** A tool's own setting wins; otherwise a call needs approval when its level is not allowed. */
export function needsApproval(toolName: string, permission: Permission, rules: ApprovalRules): boolean {
  const setting = rules.tools?.[toolName];
  if (setting === 'required') return true;
  if (setting === 'never') return false;
  return !rules.allowed.includes(permission);
}

/** What an approver is asked about: one call, with the arguments it was given. */
export interface ApprovalRequest {
  toolName: string;
  permission: Permission;
  /** The arguments after validation. */
  arguments: Record<string, unknown>;
  callId: string;
}

/** A decision on a gated call: who made it, when (ms since the epoch), why, and the store's approval id when there is one. */
export interface ApprovalVerdict {
  status: 'approved' | 'rejected';
  by: string;
  at: number;
  reason?: string;
  approvalId?: string;
}

/** What a gate answers: a verdict, or `paused` when the run must stop and wait for one (it can be resumed). */
export type GateDecision = ApprovalVerdict | { status: 'paused'; approvalId?: string };

/** Answers a call that needs approval. A gate that throws counts as a refusal, with its message. */
export type ApprovalGate = (request: ApprovalRequest) => Promise<GateDecision>;

export type PermissionDecision =
  | { allowed: true; verdict?: ApprovalVerdict }
  | { allowed: false; reason: 'not_allowed' | 'approval_required'; detail?: string }
  | { allowed: false; reason: 'approval_failed'; detail: string }
  | { allowed: false; reason: 'rejected'; verdict: ApprovalVerdict }
  | { allowed: false; reason: 'paused'; approvalId?: string };

/**
 * A call runs when it needs no approval; otherwise the gate decides. With no gate the answer is no,
 * so a forgotten gate never lets a deletion through.
 */
export async function decidePermission(request: ApprovalRequest, rules: ApprovalRules, gate: ApprovalGate | undefined): Promise<PermissionDecision> {
  if (!needsApproval(request.toolName, request.permission, rules)) return { allowed: true };
  if (!gate) return rules.tools?.[request.toolName] === 'required' ? { allowed: false, reason: 'approval_required' } : { allowed: false, reason: 'not_allowed' };
  let decision: GateDecision;
  try {
    decision = await gate(request);
  } catch (error) {
    return { allowed: false, reason: 'approval_failed', detail: error instanceof Error ? error.message : String(error) };
  }
  if (decision.status === 'paused') return { allowed: false, reason: 'paused', ...(decision.approvalId === undefined ? {} : { approvalId: decision.approvalId }) };
  return decision.status === 'approved' ? { allowed: true, verdict: decision } : { allowed: false, reason: 'rejected', verdict: decision };
}
