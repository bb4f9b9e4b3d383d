// Working memory end to end: `agentlab eval` on the bundled long tasks against the 4,096-token
// simulator profile over real HTTP, once with compression (the default) and once with --no-compress.
// The long tasks overflow the window: without compression the agents that read every report in one
// conversation fail with context_length_exceeded; with it they fold the middle and pass, and each
// compressed run's trace holds a memory.compress span with the summary's chat span under it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CaseResultRecord, type Store } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const dataset = fileURLToPath(new URL('../../datasets/golden/long-tasks.jsonl', import.meta.url));
const agents = ['react', 'plan-execute', 'supervisor', 'pipeline'];

let directory: string;
let store: Store;
let compressed: CaseResultRecord[];
let uncompressed: CaseResultRecord[];

async function evaluate(...flags: string[]): Promise<CaseResultRecord[]> {
  const result = await runRecorded(['eval', dataset, '--models', 'sim:small', '--agents', agents.join(','), '--epochs', '1', '--latency', 'zero', '--store', 'store.db', '--quiet', '--json', 'report.json', ...flags], { cwd: directory });
  expect(result.errorOutput).not.toMatch(/error:/);
  const runId = /^Run (run-\S+):/m.exec(result.output)?.[1];
  expect(runId).toBeDefined();
  return store.caseResults(runId!);
}

function passes(results: readonly CaseResultRecord[]): Record<string, number> {
  return Object.fromEntries(agents.map((agent) => [agent, results.filter((result) => result.agent === agent && result.status === 'pass').length]));
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

describe('long tasks on sim:small (4,096 tokens)', () => {
  it('pass with working memory and fail without it, except plan-execute, whose steps never fill the window', () => {
    // Two cases run on every agent, three on react only.
    expect(compressed).toHaveLength(11);
    expect(passes(compressed)).toEqual({ react: 5, 'plan-execute': 2, supervisor: 2, pipeline: 2 });
    expect(passes(uncompressed)).toEqual({ react: 0, 'plan-execute': 2, supervisor: 0, pipeline: 0 });
  });

  it('fails without compression with the endpoint\'s context_length_exceeded, as a fail, not an error', () => {
    const failed = uncompressed.filter((result) => result.agent !== 'plan-execute');
    expect(failed).toHaveLength(9);
    for (const result of failed) {
      expect(result.status).toBe('fail');
      expect(result.error?.code).toBe('context_length_exceeded');
      expect(result.error?.message).toMatch(/^small's context window is exceeded: 400 This model's maximum context length is 4096 tokens\. However, your messages resulted in \d+ tokens\. Please reduce the length of the messages\.$/);
    }
  });

  it('records each compression as a memory.compress span holding the summary call, with what it folded', () => {
    for (const result of compressed.filter((each) => each.agent !== 'plan-execute')) {
      const spans = store.spans(result.traceId!);
      const compressions = spans.filter((span) => span.name === 'memory.compress');
      expect(compressions.length, `${result.caseId} on ${result.agent}`).toBeGreaterThan(0);
      for (const compression of compressions) {
        const attributes = compression.attributes;
        expect(attributes['agentlab.memory.context_window']).toBe(4096);
        expect(attributes['agentlab.memory.messages_folded']).toBeGreaterThan(0);
        expect(attributes['agentlab.memory.tokens_before']).toBeGreaterThanOrEqual(0.75 * 4096);
        expect(attributes['agentlab.memory.tokens_after']).toBeLessThan(attributes['agentlab.memory.tokens_before'] as number);
        expect(attributes['agentlab.memory.summary_tokens']).toBeGreaterThan(0);
        const parent = spans.find((span) => span.spanId === compression.parentSpanId);
        expect(parent?.name).toMatch(/^invoke_agent /);
        const summaryCall = spans.filter((span) => span.parentSpanId === compression.spanId);
        expect(summaryCall.map((span) => span.name)).toEqual(['chat small']);
      }
    }
    // plan-execute's steps each read one report: nothing to compress.
    for (const result of compressed.filter((each) => each.agent === 'plan-execute')) {
      expect(store.spans(result.traceId!).some((span) => span.name === 'memory.compress')).toBe(false);
    }
    expect(uncompressed.every((result) => !store.spans(result.traceId!).some((span) => span.name === 'memory.compress'))).toBe(true);
  });

  it('counts the summary calls in the run\'s model calls and tokens', () => {
    const react = (results: CaseResultRecord[]) => results.find((result) => result.agent === 'react' && result.caseId === 'long-five-stations-rainfall')!;
    const withMemory = react(compressed);
    const summaries = store.spans(withMemory.traceId!).filter((span) => span.name === 'memory.compress').length;
    const chats = store.spans(withMemory.traceId!).filter((span) => span.name === 'chat small');
    // Five reads and the answer, plus one call per summary.
    expect(withMemory.modelCalls).toBe(6 + summaries);
    expect(chats).toHaveLength(withMemory.modelCalls);
    expect(withMemory.inputTokens).toBe(chats.reduce((sum, span) => sum + (span.attributes['gen_ai.usage.input_tokens'] as number), 0));
  });
});
