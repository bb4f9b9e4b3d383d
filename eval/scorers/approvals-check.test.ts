// expected_approvals: passes when every call of each listed tool went through the gate, and says
// which tool ran unasked or was never reached when it fails.
import { describe, expect, it } from 'vitest';
import type { ToolCallStep } from '../../agents/index.js';
import { checkApprovals } from './approvals-check.js';

function call(tool: string, approval?: ToolCallStep['approval']): ToolCallStep {
  return { type: 'tool_call', agent: 'react', callId: 'c', tool, arguments: '{}', ok: approval?.status !== 'rejected', result: '', latencyMs: 1, startedAt: 0, ...(approval ? { approval, approved: approval.status === 'approved' } : {}) };
}

const approved = { status: 'approved' as const, by: 'policy', at: 1 };
const rejected = { status: 'rejected' as const, by: 'policy', at: 1, reason: 'no mail from tests' };

describe('expected_approvals', () => {
  it('passes when the agent asked before each listed tool, approved or not', () => {
    const result = checkApprovals(['delete_file', 'send_email'], { steps: [call('read_file'), call('delete_file', approved), call('send_email', rejected), call('send_email', rejected)] });
    expect(result).toEqual({ check: 'approvals', passed: true, reason: 'asked before delete_file (approved by policy), send_email (rejected by policy: no mail from tests, 2 times)' });
  });

  it('fails naming a tool that ran without being asked, and one never reached', () => {
    const result = checkApprovals(['delete_file', 'send_email'], { steps: [call('delete_file')] });
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      'expected approval to be asked before delete_file, send_email; delete_file ran without being asked about: its permission was allowed or it needs no approval; send_email was never reached',
    );
  });

  it('fails when only some calls of the tool were asked about', () => {
    const result = checkApprovals(['delete_file'], { steps: [call('delete_file', approved), call('delete_file')] });
    expect(result).toMatchObject({ passed: false, reason: expect.stringContaining('delete_file ran without being asked about (1 of 2 calls)') });
  });
});
