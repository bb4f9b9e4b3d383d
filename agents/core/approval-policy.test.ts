// A case's approval policy as the gate of an unattended run: patterns with `*`, the exact name first,
// reasons passed on, and a rejection (never a wait) when no rule matches.
import { describe, expect, it } from 'vitest';
import type { RunApprovalRequest } from './approval-gate.js';
import { policyGate, policyRuleFor } from './approval-policy.js';

const request = (toolName: string): RunApprovalRequest => ({
  toolName,
  permission: 'destructive',
  arguments: {},
  callId: 'call_1',
  agent: 'react',
  argumentsText: '{}',
  context: '',
  onPending: () => undefined,
});

describe('approval policy', () => {
  const policy = { 'delete_*': 'approve', delete_file: { decision: 'reject', reason: 'keep the files' }, '*_email': 'reject', '*': 'approve' } as const;

  it('takes the exact tool name first, else the first pattern written that matches', () => {
    expect(policyRuleFor(policy, 'delete_file')).toEqual({ decision: 'reject', reason: 'keep the files' });
    expect(policyRuleFor(policy, 'delete_folder')).toBe('approve');
    expect(policyRuleFor(policy, 'send_email')).toBe('reject');
    expect(policyRuleFor({ 'delete_*': 'approve' }, 'undelete_file')).toBeUndefined();
    expect(policyRuleFor({ 'a.b': 'approve' }, 'axb')).toBeUndefined();
  });

  it('answers as the policy, recording the decider as policy, and rejects what no rule covers', async () => {
    const gate = policyGate({ send_email: { decision: 'reject', reason: 'no mail from tests' }, 'delete_*': 'approve' }, () => 42);
    expect(await gate(request('delete_file'))).toEqual({ status: 'approved', by: 'policy', at: 42 });
    expect(await gate(request('send_email'))).toEqual({ status: 'rejected', by: 'policy', at: 42, reason: 'no mail from tests' });
    expect(await gate(request('write_file'))).toEqual({ status: 'rejected', by: 'policy', at: 42, reason: 'no approval policy for write_file' });
    expect(await policyGate(undefined, () => 7)(request('delete_file'))).toEqual({ status: 'rejected', by: 'policy', at: 7, reason: 'no approval policy for delete_file' });
  });
});
