// Working memory end to end: `agentlab eval` on the bundled long tasks against the 8,192-token
// simulator profile over real HTTP, once with compression (the default) and once with --no-compress.
// Each long task reads ten reports in one react conversation, more than the window holds: without
// compression every case fails with context_length_exceeded; with it react folds the middle and passes,
// and each compressed run's trace holds a memory.compress span with the summary's chat span under it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CaseResultRecord, type Store } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const dataset = fileURLToPath(new URL('../../datasets/golden/long-tasks.jsonl', import.meta.url));

let directory: string;
let store: Store;
let compressed: CaseResultRecord[];
let uncompressed: CaseResultRecord[];

async function evaluate(...flags: string[]): Promise<CaseResultRecord[]> {
  const result = await runRecorded(['eval', dataset, '--models', 'sim:small', '--epochs', '1', '--latency', 'zero', '--store', 'store.db', '--quiet', '--json', 'report.json', ...flags], { cwd: directory });
  expect(result.errorOutput).not.toMatch(/error:/);
  const runId = /^Run (run-\S+):/m.exec(result.output)?.[1];
  expect(runId).toBeDefined();
  return store.caseResults(runId!);
}

function passes(results: readonly CaseResultRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result.agent] = (counts[result.agent] ?? 0) + (result.status === 'pass' ? 1 : 0);
  return counts;
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-working-memory-'));
  store = openStore(path.join(directory, 'store.db'));
  compressed = await evaluate();
  uncompressed = await evaluate('--no-compress');
}, 120_000);

afterAll(async () => {
  store.close();
  await rm(directory, { recursive: true, force: true });
});

describe('long tasks on sim:small (8,192 tokens)', () => {
  it('pass with working memory and fail without it', () => {
    // Four cases, all react's: no other agent holds ten reads in one conversation.
    expect(compressed).toHaveLength(4);
    expect(passes(compressed)).toEqual({ react: 4 });
    expect(passes(uncompressed)).toEqual({ react: 0 });
  });

  it('fails without compression with the endpoint\'s context_length_exceeded, as a fail, not an error', () => {
    expect(uncompressed).toHaveLength(4);
    for (const result of uncompressed) {
      expect(result.status).toBe('fail');
      expect(result.error?.code).toBe('context_length_exceeded');
      expect(result.error?.message).toMatch(/^small's context window is exceeded: 400 This model's maximum context length is 8192 tokens\. However, your messages resulted in \d+ tokens\. Please reduce the length of the messages\.$/);
    }
  });

  it('records each compression as a memory.compress span holding the summary call, with what it folded', () => {
    for (const result of compressed) {
      const spans = store.spans(result.traceId!);
      const compressions = spans.filter((span) => span.name === 'memory.compress');
      expect(compressions.length, `${result.caseId} on ${result.agent}`).toBeGreaterThan(0);
      for (const compression of compressions) {
        const attributes = compression.attributes;
        expect(attributes['agentlab.memory.context_window']).toBe(8192);
        expect(attributes['agentlab.memory.messages_folded']).toBeGreaterThan(0);
        expect(attributes['agentlab.memory.tokens_before']).toBeGreaterThanOrEqual(0.75 * 8192);
        expect(attributes['agentlab.memory.tokens_after']).toBeLessThan(attributes['agentlab.memory.tokens_before'] as number);
        expect(attributes['agentlab.memory.summary_tokens']).toBeGreaterThan(0);
        const parent = spans.find((span) => span.spanId === compression.parentSpanId);
        expect(parent?.name).toMatch(/^invoke_agent /);
        const summaryCall = spans.filter((span) => span.parentSpanId === compression.spanId);
        expect(summaryCall.map((span) => span.name)).toEqual(['chat small']);
      }
    }
    expect(uncompressed.every((result) => !store.spans(result.traceId!).some((span) => span.name === 'memory.compress'))).toBe(true);
  });

  it('counts the summary calls in the run\'s model calls and tokens', () => {
    const react = (results: CaseResultRecord[]) => results.find((result) => result.caseId === 'long-ten-stations-rainfall')!;
    const withMemory = react(compressed);
    const summaries = store.spans(withMemory.traceId!).filter((span) => span.name === 'memory.compress').length;
    const chats = store.spans(withMemory.traceId!).filter((span) => span.name === 'chat small');
    // Ten reads and the answer, plus one call per summary.
    expect(summaries).toBeGreaterThan(0);
    expect(withMemory.modelCalls).toBe(11 + summaries);
    expect(chats).toHaveLength(withMemory.modelCalls);
    expect(withMemory.inputTokens).toBe(chats.reduce((sum, span) => sum + (span.attributes['gen_ai.usage.input_tokens'] as number), 0));
  });
});
