// An approval policy: decisions written down in advance, by tool name pattern, so that a run with
// nobody to ask (an eval case) answers its gates the same way every time. decided_by is `policy`;
// a gated call no rule matches is rejected, since an unattended run must never wait.
import type { GateDecision } from '../tools/index.js';
import type { RunApprovalGate } from './approval-gate.js';

export type ApprovalPolicyDecision = 'approve' | 'reject';

/** `"approve"`, `"reject"`, or the decision with a reason the model (on a rejection) and the trace are given. */
export type ApprovalPolicyRule = ApprovalPolicyDecision | { decision: ApprovalPolicyDecision; reason?: string };

/** Tool name patterns (`*` matches any run of characters) to decisions, e.g. `{ "delete_*": "approve" }`. */
export type ApprovalPolicy = Readonly<Record<string, ApprovalPolicyRule>>;

/** Who policy decisions are recorded as. */
export const policyDecider = 'policy';

function patternMatches(pattern: string, tool: string): boolean {
  const expression = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${expression}$`).test(tool);
}

/** The rule for a tool: its exact name first, else the first pattern that matches, in the order written. */
export function policyRuleFor(policy: ApprovalPolicy, tool: string): ApprovalPolicyRule | undefined {
  if (Object.hasOwn(policy, tool)) return policy[tool];
  const pattern = Object.keys(policy).find((candidate) => candidate.includes('*') && patternMatches(candidate, tool));
  return pattern === undefined ? undefined : policy[pattern];
}

export function policyGate(policy: ApprovalPolicy | undefined, now: () => number = Date.now): RunApprovalGate {
  return async (request): Promise<GateDecision> => {
    const rule = policy === undefined ? undefined : policyRuleFor(policy, request.toolName);
    const at = now();
    if (rule === undefined) return { status: 'rejected', by: policyDecider, at, reason: `no approval policy for ${request.toolName}` };
    const { decision, reason } = typeof rule === 'string' ? { decision: rule, reason: undefined } : rule;
    return { status: decision === 'approve' ? 'approved' : 'rejected', by: policyDecider, at, ...(reason === undefined ? {} : { reason }) };
  };
}
