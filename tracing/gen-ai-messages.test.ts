// OpenAI chat messages in the GenAI conventions' shape (v1.41 gen-ai-input-messages.json and
// gen-ai-output-messages.json): roles with typed parts, tool calls with parsed arguments, tool
// results tied to their call, finish reasons in the conventions' words.
import { describe, expect, it } from 'vitest';
import { inputMessagesAttribute, outputMessagesAttribute, toGenAiInputMessages, toGenAiOutputMessages } from './index.js';

describe('toGenAiInputMessages', () => {
  it('turns a tool-using conversation into roles and parts, as the conventions example shows', () => {
    const messages = toGenAiInputMessages([
      { role: 'system', content: 'You are a research agent.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'note', arguments: 'not json {' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'rainy, 57°F' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'noted ' }, { type: 'text', text: 'twice' }] },
    ]);
    expect(messages).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You are a research agent.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Let me look.' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Paris' } },
          { type: 'tool_call', id: 'call_2', name: 'note', arguments: 'not json {' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 57°F' }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_2', response: 'noted twice' }] },
    ]);
  });

  it('reads content parts: text, images by URL and inline, audio, and passes other typed parts on', () => {
    const [message] = toGenAiInputMessages([
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'file', file: { file_id: 'file-1' } },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      name: 'ada',
      parts: [
        { type: 'text', content: 'What is this?' },
        { type: 'uri', modality: 'image', uri: 'https://example.com/cat.png' },
        { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'iVBORw0KGgo=' },
        { type: 'blob', modality: 'audio', mime_type: 'audio/wav', content: 'UklGRg==' },
        { type: 'file', file: { file_id: 'file-1' } },
      ],
    });
  });

  it('reads what an agent may send the proxy without failing: no array, odd items, custom tools', () => {
    expect(toGenAiInputMessages(undefined)).toEqual([]);
    expect(toGenAiInputMessages('hello')).toEqual([]);
    expect(
      toGenAiInputMessages([
        42,
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'custom', custom: { name: 'shell', input: 'ls -la' } }, 'junk'] },
        { role: 'assistant', content: '' },
      ]),
    ).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: 'shell', arguments: 'ls -la' }] },
      { role: 'assistant', parts: [{ type: 'text', content: '' }] },
    ]);
  });
});

describe('toGenAiOutputMessages', () => {
  it('gives the reply one assistant message with its text, tool calls and finish reason', () => {
    expect(toGenAiOutputMessages({ content: null, toolCalls: [{ id: 'call_1', name: 'calculator', arguments: '{"expression":"6 * 7"}' }], finishReason: 'tool_calls' })).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'calculator', arguments: { expression: '6 * 7' } }], finish_reason: 'tool_call' },
    ]);
    expect(toGenAiOutputMessages({ content: '42.', finishReason: 'stop' })).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: '42.' }], finish_reason: 'stop' }]);
    expect(toGenAiOutputMessages({ content: 'cut', finishReason: 'length' })[0]!.finish_reason).toBe('length');
    expect(toGenAiOutputMessages({ content: 'no reason', finishReason: null })[0]).not.toHaveProperty('finish_reason');
  });
});

describe('the attributes', () => {
  it('are JSON text of the converted messages', () => {
    expect(JSON.parse(inputMessagesAttribute([{ role: 'user', content: 'hi' }]))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
    expect(JSON.parse(outputMessagesAttribute({ content: 'hello', finishReason: 'stop' }))).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'hello' }], finish_reason: 'stop' }]);
  });
});
