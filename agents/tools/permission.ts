// Permission levels, the approval request a human (or policy) sees, and the decision between them.
import { z } from 'zod';

export const permissionLevels = ['read', 'write', 'destructive'] as const;

/** `read` observes, `write` creates or changes, `destructive` deletes or acts outside the run. */
export type Permission = (typeof permissionLevels)[number];

/** For parsing `--allow` flags and config files. */
export const permissionSchema = z.enum(permissionLevels);

/** What an approver is asked about: one call, with the arguments it was given. */
export interface ApprovalRequest {
  toolName: string;
  permission: Permission;
  /** The arguments after validation. */
  arguments: Record<string, unknown>;
  callId: string;
}

/** Resolves true to let the call run. Rejections count as a refusal. */
export type ApprovalCallback = (request: ApprovalRequest) => Promise<boolean>;

export type PermissionDecision =
  | { allowed: true; approved?: boolean }
  | { allowed: false; reason: 'not_allowed' | 'not_approved' | 'approval_failed'; detail?: string };

/**
 * A call runs when its level is allowed; otherwise it runs only when an approver says yes.
 * With no approver the answer is no, so a forgotten callback never lets a deletion through.
 */
export async function decidePermission(
  request: ApprovalRequest,
  allowed: readonly Permission[],
  approve: ApprovalCallback | undefined,
): Promise<PermissionDecision> {
  if (allowed.includes(request.permission)) return { allowed: true };
  if (!approve) return { allowed: false, reason: 'not_allowed' };
  try {
    return (await approve(request)) === true
      ? { allowed: true, approved: true }
      : { allowed: false, reason: 'not_approved' };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { allowed: false, reason: 'approval_failed', detail };
  }
}
