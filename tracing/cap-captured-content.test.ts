// The cut of captured content: within the limit, valid JSON when it was JSON, and saying what was cut,
// for plain text, tool arguments and conversations far over the limit.
import { describe, expect, it } from 'vitest';
import { capCapturedContent, capCapturedJson, capturedContentMaxLength, toGenAiInputMessages, type GenAiMessage } from './index.js';

const cutMarker = /… \[truncated (\d+) chars\]/;
const textsOf = (messages: GenAiMessage[]) => messages.flatMap((message) => message.parts.map((part) => ('content' in part ? part.content : 'response' in part ? part.response : undefined)));

function expectWithinLimit(value: string): void {
  expect(value.length).toBeLessThanOrEqual(capturedContentMaxLength);
  // No half of a surrogate pair left at a cut: the attribute must encode as UTF-8.
  expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value);
}

describe('capCapturedContent', () => {
  it('leaves content within the limit as it is', () => {
    const text = 'x'.repeat(capturedContentMaxLength);
    expect(capCapturedContent(text)).toBe(text);
    expect(capCapturedContent('{"expression":"6 * 7"}')).toBe('{"expression":"6 * 7"}');
  });

  it('cuts plain text at the end and says how many characters went', () => {
    const text = `${'Water boils at 100 °C. '.repeat(2_000)}THE END`;
    const capped = capCapturedContent(text);
    expectWithinLimit(capped);
    const removed = Number(cutMarker.exec(capped)![1]);
    expect(capped.endsWith(`… [truncated ${removed} chars]`)).toBe(true);
    expect(text.startsWith(capped.slice(0, capped.length - `… [truncated ${removed} chars]`.length))).toBe(true);
    expect(capped.length - `… [truncated ${removed} chars]`.length + removed).toBe(text.length);
  });

  it('keeps JSON tool arguments valid JSON, cutting only the long value', () => {
    const content = 'A line of the report.\n'.repeat(1_000);
    const text = JSON.stringify({ path: 'report.md', mode: 'overwrite', content });
    const capped = capCapturedContent(text);
    expectWithinLimit(capped);
    const parsed = JSON.parse(capped) as { path: string; mode: string; content: string };
    expect(parsed.path).toBe('report.md');
    expect(parsed.mode).toBe('overwrite');
    const removed = Number(cutMarker.exec(parsed.content)![1]);
    expect(parsed.content.replace(cutMarker, '').length + removed).toBe(content.length);
  });

  it('keeps a JSON string a JSON string', () => {
    const capped = capCapturedContent(JSON.stringify('"quoted" and \\ escaped '.repeat(1_000)));
    expectWithinLimit(capped);
    expect(JSON.parse(capped)).toMatch(cutMarker);
  });

  it('never splits a surrogate pair', () => {
    for (const offset of [0, 1]) {
      const capped = capCapturedContent(`${'a'.repeat(offset)}${'🙂'.repeat(10_000)}`);
      expectWithinLimit(capped);
      expect(capped).toMatch(cutMarker);
    }
  });
});

describe('capCapturedJson on conversations', () => {
  const system = { role: 'system', content: 'You are a careful research agent.' };
  const goal = { role: 'user', content: 'Search for the boiling point of water' };

  it('shortens the longest texts first and leaves the short ones whole', () => {
    const messages = toGenAiInputMessages([
      system,
      goal,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search_web', arguments: '{"query":"boiling point of water"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Water boils at 100 °C at sea level. '.repeat(2_000) },
      { role: 'user', content: 'And at altitude? '.repeat(1_000) },
    ]);
    const capped = capCapturedJson(messages);
    expectWithinLimit(capped);
    const parsed = JSON.parse(capped) as GenAiMessage[];
    expect(parsed.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(parsed.slice(0, 3)).toEqual(messages.slice(0, 3));
    const [toolResult, followUp] = textsOf(parsed).slice(-2) as [string, string];
    expect(toolResult).toMatch(cutMarker);
    expect(followUp).toMatch(cutMarker);
    expect(parsed[3]!.parts[0]).toMatchObject({ type: 'tool_call_response', id: 'call_1' });
    // The room left is shared: neither long text was cut to nothing.
    expect(toolResult.length).toBeGreaterThan(1_000);
    expect(followUp.length).toBeGreaterThan(1_000);
  });

  it('drops the middle of a long conversation, keeping its start and the latest messages, and says how many went', () => {
    const turns = Array.from({ length: 400 }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: `Turn ${index}: ${'words '.repeat(30)}` }));
    const messages = toGenAiInputMessages([system, goal, ...turns]);
    const capped = capCapturedJson(messages);
    expectWithinLimit(capped);
    const parsed = JSON.parse(capped) as GenAiMessage[];
    expect(parsed.slice(0, 2)).toEqual(messages.slice(0, 2));
    expect(parsed.at(-1)).toEqual(messages.at(-1));
    const marker = parsed[2]!;
    expect(marker.parts).toEqual([{ type: 'text', content: expect.stringMatching(/^… \[truncated \d+ items\]$/) }]);
    const dropped = Number(/(\d+) items/.exec((marker.parts[0] as { content: string }).content)![1]);
    expect(parsed.length - 1 + dropped).toBe(messages.length);
    // Every message kept is in the schema's shape.
    for (const message of parsed) expect(message).toEqual({ role: expect.any(String), parts: expect.any(Array) });
  });

  it('stays valid JSON within the limit for a shape it cannot shorten', () => {
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`key_${index}`, index]));
    const capped = capCapturedJson(wide);
    expectWithinLimit(capped);
    const parsed = JSON.parse(capped) as unknown;
    expect(parsed).toMatch(cutMarker);
  });
});
