// Pairing from the conversation alone: a call the model asked for, answered by a tool message with
// its id on a later request; answered once, however often the history repeats it.
import { describe, expect, it } from 'vitest';
import { ToolCallPairing } from './tool-call-pairing.js';

const search = { id: 'call_1', name: 'search_web', arguments: '{"query":"water"}' };

describe('ToolCallPairing', () => {
  it('pairs a result sent on a later request, once, with the time between as latency', () => {
    const pairing = new ToolCallPairing('agent');
    pairing.asked([search], 1_000);
    const history = [{ role: 'user', content: 'go' }, { role: 'assistant', tool_calls: [] }, { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'Water ' }, { type: 'text', text: 'boils.' }] }];
    expect(pairing.answered(history, 1_250)).toEqual([
      { type: 'tool_call', agent: 'agent', callId: 'call_1', tool: 'search_web', arguments: '{"query":"water"}', ok: true, result: 'Water boils.', latencyMs: 250, startedAt: 1_000 },
    ]);
    expect(pairing.answered(history, 1_900)).toEqual([]);
    expect(pairing.unanswered()).toEqual([]);
  });

  it('ignores tool messages for calls it never saw, and reports the calls never answered', () => {
    const pairing = new ToolCallPairing('agent');
    pairing.asked([search, { id: 'call_2', name: 'calculator', arguments: '{}' }], 10);
    expect(pairing.answered([{ role: 'tool', tool_call_id: 'call_9', content: 'x' }, { role: 'tool', tool_call_id: 'call_2', content: '4' }], 20).map((step) => step.callId)).toEqual(['call_2']);
    expect(pairing.unanswered()).toEqual([expect.objectContaining({ callId: 'call_1', ok: false, errorCode: 'no_result', latencyMs: 0, startedAt: 10 })]);
  });

  it('takes the latest message when a model reuses a call id across turns', () => {
    const pairing = new ToolCallPairing('agent');
    pairing.asked([{ id: 'call_0', name: 'calculator', arguments: '{"expression":"1+1"}' }], 10);
    pairing.answered([{ role: 'tool', tool_call_id: 'call_0', content: '2' }], 20);
    pairing.asked([{ id: 'call_0', name: 'calculator', arguments: '{"expression":"2+2"}' }], 30);
    const steps = pairing.answered([{ role: 'tool', tool_call_id: 'call_0', content: '2' }, { role: 'tool', tool_call_id: 'call_0', content: '4' }], 40);
    expect(steps).toEqual([expect.objectContaining({ arguments: '{"expression":"2+2"}', result: '4' })]);
  });
});
