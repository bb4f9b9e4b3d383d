import { describe, expect, it } from 'vitest';
import type { ModelCallStep, ProgressEvent, ToolCallStep } from '../agents/index.js';
import { createProgressFormatter } from './format-progress-event.js';

const modelCall: ModelCallStep = {
  type: 'model_call',
  agent: 'react',
  model: 'oracle',
  provider: 'agentlab.sim',
  inputTokens: 412,
  outputTokens: 18,
  latencyMs: 3.4,
  finishReason: 'tool_calls',
  attempts: 1,
  temperature: 0,
  startedAt: 0,
};

const toolCall: ToolCallStep = {
  type: 'tool_call',
  agent: 'react',
  callId: 'call_1',
  tool: 'read_file',
  arguments: '{"path":"notes.txt"}',
  ok: true,
  result: 'text',
  latencyMs: 1.23,
  startedAt: 0,
};

function format(events: ProgressEvent[]): Array<string | undefined> {
  const formatter = createProgressFormatter();
  return events.map(formatter);
}

describe('createProgressFormatter', () => {
  it('numbers model calls from step-start and shows tokens, time and finish reason', () => {
    const lines = format([
      { type: 'step-start', agent: 'react', step: 2, at: 0 },
      { type: 'model-call', step: modelCall, at: 0 },
      { type: 'model-call', step: { ...modelCall, attempts: 3, error: 'oracle failed 3 times' }, at: 0 },
    ]);
    expect(lines).toEqual([
      undefined,
      '→ react: model call 2 (in 412 / out 18 tokens, 3 ms, tool_calls)',
      '✗ react: model call 2 failed: oracle failed 3 times',
    ]);
  });

  it('shows tool calls, their results, retries, guards and workers on one line each', () => {
    const lines = format([
      { type: 'tool-call', agent: 'react', callId: 'call_1', tool: 'read_file', arguments: '{"path":"notes.txt"}', at: 0 },
      { type: 'tool-result', step: toolCall, at: 0 },
      { type: 'tool-result', step: { ...toolCall, ok: false, result: 'Error: not found:\nnotes.txt' }, at: 0 },
      { type: 'model-retry', agent: 'react', attempt: 1, error: '429 rate limited', waitMs: 200, at: 0 },
      { type: 'guard', agent: 'react', guard: 'repeated-call', detail: 'read_file {}', at: 0 },
      { type: 'agent-start', agent: 'researcher', task: 'Find the height', at: 0 },
      { type: 'agent-end', agent: 'researcher', status: 'completed', at: 0 },
    ]);
    expect(lines).toEqual([
      '  ⚙ read_file {"path":"notes.txt"}',
      '  ✓ read_file 1.2 ms',
      '  ✗ read_file: Error: not found: notes.txt',
      '  ↻ retry 1 after 200 ms: 429 rate limited',
      '  ! guard repeated-call read_file {}',
      '┌ researcher: Find the height',
      '└ researcher: completed',
    ]);
  });

  it('says what working memory folded', () => {
    const [line] = format([
      { type: 'memory-compressed', agent: 'react', messagesFolded: 11, tokensBefore: 6636, tokensAfter: 2948, summaryTokens: 459, contextWindow: 8192, at: 0 },
    ]);
    expect(line).toBe('  ⇣ react: working memory folded 11 messages into a summary of 459 tokens, 6,636 → 2,948 tokens of the 8,192-token window');
  });

  it('cleans and cuts text that came from the model or a tool', () => {
    const [line] = format([
      { type: 'tool-call', agent: 'react', callId: 'c', tool: 'search_web', arguments: `{"query":"\x1b[2J${'x'.repeat(200)}"}`, at: 0 },
    ]);
    expect(line).not.toContain('\x1b');
    expect(line).toMatch(/^ {2}⚙ search_web \{"query":"\\x1b\[2Jx+…$/);
    expect(line!.length).toBeLessThan(140);
  });
});
