// mergeToolSteps: each call once, in time order, holding what each record knows about it.
import { describe, expect, it } from 'vitest';
import type { ModelCallStep, ToolCallStep } from '../../agents/index.js';
import { matchToolSteps, mergeToolSteps, noResultErrorCode, noResultText } from './index.js';

function modelCall(startedAt: number): ModelCallStep {
  return { type: 'model_call', agent: 'agent', model: 'oracle', provider: 'agentlab.sim', inputTokens: 10, outputTokens: 5, latencyMs: 1, finishReason: 'tool_calls', attempts: 1, temperature: 0, startedAt };
}

function toolCall(fields: Partial<ToolCallStep> & Pick<ToolCallStep, 'tool' | 'startedAt'>): ToolCallStep {
  return { type: 'tool_call', agent: 'agent', callId: '', arguments: '{}', ok: true, result: '', latencyMs: 0, ...fields };
}

describe('mergeToolSteps', () => {
  it('merges an extra step with the same call id into the recorded one, keeping its position', () => {
    const recorded = [modelCall(0), toolCall({ callId: 'call_1', tool: 'search_web', arguments: '{"query":"water"}', result: 'Water boils at 100 °C.', latencyMs: 12, startedAt: 5 }), modelCall(20)];
    const extra = [toolCall({ callId: 'call_1', tool: 'search_web', arguments: '', result: 'Water boils at 100 °C.', latencyMs: 3.5, startedAt: 7 })];
    const merged = mergeToolSteps(recorded, extra);
    expect(merged).toHaveLength(3);
    expect(merged[1]).toMatchObject({ callId: 'call_1', arguments: '{"query":"water"}', latencyMs: 3.5, startedAt: 7, ok: true });
    expect(recorded[1]).toMatchObject({ latencyMs: 12, startedAt: 5 });
  });

  it('matches by tool name and arguments as JSON values when the extra has no call id', () => {
    const recorded = [toolCall({ callId: 'call_1', tool: 'calculator', arguments: '{"expression":"17 * 23","precise":true}', result: '391', startedAt: 5 })];
    const extra = [toolCall({ tool: 'calculator', arguments: '{ "precise": true, "expression": "17 * 23" }', result: '391', latencyMs: 2, startedAt: 6 })];
    expect(matchToolSteps(recorded, extra)).toEqual([0]);
    expect(mergeToolSteps(recorded, extra)).toEqual([{ ...recorded[0], latencyMs: 2, startedAt: 6 }]);
  });

  it('does not match different arguments, and inserts unmatched extras in startedAt order', () => {
    const recorded = [modelCall(0), toolCall({ callId: 'call_1', tool: 'calculator', arguments: '{"expression":"17 * 23"}', result: '391', startedAt: 5 }), modelCall(20)];
    const extra = [
      toolCall({ tool: 'calculator', arguments: '{"expression":"2 + 2"}', result: '4', latencyMs: 1, startedAt: 30 }),
      toolCall({ tool: 'read_file', arguments: '{"path":"notes.txt"}', result: 'notes', latencyMs: 1, startedAt: 10 }),
    ];
    const merged = mergeToolSteps(recorded, extra);
    expect(merged.map((step) => (step.type === 'tool_call' ? step.tool : step.type))).toEqual(['model_call', 'calculator', 'read_file', 'model_call', 'calculator']);
    expect(merged.map((step) => step.startedAt)).toEqual([0, 5, 10, 20, 30]);
  });

  it('lets each recorded step stand for one extra matched by arguments, and call ids win over arguments', () => {
    const recorded = [
      toolCall({ callId: 'a', tool: 'search_web', arguments: '{"query":"x"}', result: 'first', startedAt: 1 }),
      toolCall({ callId: 'b', tool: 'search_web', arguments: '{"query":"x"}', result: 'second', startedAt: 2 }),
    ];
    const byArguments = toolCall({ tool: 'search_web', arguments: '{"query":"x"}', result: 'first', startedAt: 1 });
    const byId = toolCall({ callId: 'a', tool: 'search_web', arguments: '{"query":"x"}', result: 'first', startedAt: 1 });
    expect(matchToolSteps(recorded, [byArguments, byId])).toEqual([1, 0]);
    const three = matchToolSteps(recorded, [byArguments, byArguments, byArguments]);
    expect(three).toEqual([0, 1, undefined]);
    expect(mergeToolSteps(recorded, [byArguments, byArguments, byArguments])).toHaveLength(3);
  });

  it('takes the failure from an extra that says the tool failed', () => {
    const recorded = [toolCall({ callId: 'call_1', tool: 'read_file', arguments: '{"path":"missing.txt"}', result: 'Error: no such file', startedAt: 5 })];
    const merged = mergeToolSteps(recorded, [toolCall({ callId: 'call_1', tool: 'read_file', ok: false, errorCode: 'not_found', result: '', startedAt: 5 })]);
    expect(merged[0]).toMatchObject({ ok: false, errorCode: 'not_found', result: 'Error: no such file' });
    const withoutCode = mergeToolSteps(recorded, [toolCall({ callId: 'call_1', tool: 'read_file', ok: false, startedAt: 5 })]);
    expect(withoutCode[0]).toMatchObject({ ok: false, errorCode: 'tool_error' });
  });

  it('fills in the result of a call the agent never answered to the model', () => {
    const recorded = [toolCall({ callId: 'call_1', tool: 'search_web', ok: false, errorCode: noResultErrorCode, result: noResultText, startedAt: 5 })];
    const merged = mergeToolSteps(recorded, [toolCall({ callId: 'call_1', tool: 'search_web', result: 'found it', latencyMs: 4, startedAt: 6 })]);
    expect(merged[0]).toEqual({ ...recorded[0], ok: true, result: 'found it', latencyMs: 4, startedAt: 6, errorCode: undefined });
    expect(merged[0]).not.toHaveProperty('errorCode');
  });

  it('keeps a recorded result and latency when the extra has none', () => {
    const recorded = [toolCall({ callId: 'call_1', tool: 'search_web', result: 'from the conversation', latencyMs: 9, startedAt: 5 })];
    expect(mergeToolSteps(recorded, [toolCall({ callId: 'call_1', tool: 'search_web', result: 'from the span', startedAt: 8 })])).toEqual(recorded);
  });

  it('inserts two unmatched records of the same call once', () => {
    const first = toolCall({ callId: 'call_9', tool: 'send_email', arguments: '{"to":"a@b.c"}', startedAt: 3 });
    const second = toolCall({ callId: 'call_9', tool: 'send_email', arguments: '{"to":"a@b.c"}', result: 'sent', latencyMs: 2, startedAt: 4 });
    const merged = mergeToolSteps([modelCall(0)], [first, second]);
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({ result: 'sent', latencyMs: 2 });
  });

  it('compares non-JSON arguments as trimmed text', () => {
    const recorded = [toolCall({ tool: 'shell', arguments: 'ls -la ', startedAt: 1 })];
    expect(matchToolSteps(recorded, [toolCall({ tool: 'shell', arguments: 'ls -la', startedAt: 2 })])).toEqual([0]);
    expect(matchToolSteps(recorded, [toolCall({ tool: 'shell', arguments: 'ls', startedAt: 2 })])).toEqual([undefined]);
  });
});
