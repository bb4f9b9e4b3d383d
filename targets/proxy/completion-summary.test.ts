// What is recorded of an answer, whole or streamed: the first choice's text and tool calls, why it
// stopped, and usage; the usage-only chunk told apart from the others.
import { describe, expect, it } from 'vitest';
import { StreamedCompletion, summarizeCompletion } from './completion-summary.js';

describe('summarizeCompletion', () => {
  it('reads the first choice, its function calls and usage', () => {
    expect(
      summarizeCompletion({
        id: 'chatcmpl-1',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          { message: { content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"expression":"1+1"}' } }, { id: 'c2', type: 'custom', custom: {} }] }, finish_reason: 'tool_calls' },
          { message: { content: 'second choice' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 5 },
      }),
    ).toEqual({ id: 'chatcmpl-1', model: 'gpt-4o-mini-2024-07-18', content: null, toolCalls: [{ id: 'call_1', name: 'calculator', arguments: '{"expression":"1+1"}' }], finishReason: 'tool_calls', inputTokens: 12, outputTokens: 5 });
  });

  it('records zero tokens when an endpoint sends no usage', () => {
    expect(summarizeCompletion({ choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }] })).toMatchObject({ content: 'hi', inputTokens: 0, outputTokens: 0 });
  });
});

describe('StreamedCompletion', () => {
  it('gathers content and tool-call deltas of the first choice only, and spots the usage chunk', () => {
    const completion = new StreamedCompletion();
    const chunks = [
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Let me ' } }] },
      { id: 'c', model: 'm', choices: [{ index: 1, delta: { content: 'OTHER' } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { content: 'check.', tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'search_web', arguments: '{"qu' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'ery":"x"}' } }, { index: 1, id: 'call_b', function: { name: 'calculator', arguments: '{}' } }] } }] },
      { id: 'c', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ];
    expect(chunks.map((chunk) => completion.add(chunk))).toEqual([false, false, false, false, false]);
    expect(completion.add({ id: 'c', model: 'm', choices: [], usage: { prompt_tokens: 30, completion_tokens: 8 } })).toBe(true);
    expect(completion.summary()).toEqual({
      id: 'c',
      model: 'm',
      content: 'Let me check.',
      toolCalls: [
        { id: 'call_a', name: 'search_web', arguments: '{"query":"x"}' },
        { id: 'call_b', name: 'calculator', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      inputTokens: 30,
      outputTokens: 8,
    });
  });
});
