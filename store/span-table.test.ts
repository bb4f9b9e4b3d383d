// Spans: written normalised, read back whole by trace in start order, kept once when sent twice,
// with the attributes reports filter on copied into their own columns and each trace's totals kept.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeSpans, normalizingSink, type SpanRecord } from '../tracing/index.js';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
let path: string;
let store: Store;

beforeEach(() => {
  path = join(directories.make(), 'agentlab.db');
  store = openStore(path);
});

afterEach(() => {
  store.close();
  directories.removeAll();
});

function span(spanId: string, startTimeMs: number, overrides: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: 'trace-1',
    spanId,
    name: `span ${spanId}`,
    kind: 'internal',
    startTimeMs,
    endTimeMs: startTimeMs + 10.25,
    durationMs: 10.25,
    status: { code: 'unset' },
    attributes: {},
    events: [],
    serviceName: 'agentlab',
    scope: 'agentlab',
    ...overrides,
  };
}

const agentSpan = span('agent', 1_700_000_000_000.5, {
  name: 'invoke_agent react',
  attributes: {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'react',
    'gen_ai.usage.input_tokens': 300,
    'gen_ai.usage.cost': 0.0025,
    'agentlab.run.id': 'run-1',
    'agentlab.case.id': 'case-1',
    'agentlab.epoch': 0,
    'agentlab.sim': true,
    'gen_ai.response.finish_reasons': ['stop', 'tool_calls'],
    'agentlab.scores': [0.5, 1],
    'agentlab.flags': [true, false],
  },
  events: [{ name: 'exception', timeMs: 1_700_000_000_005.75, attributes: { 'exception.type': 'TimeoutError', 'exception.escaped': false, 'retry.attempt': 2 } }],
});
const chatSpan = span('chat', 1_700_000_000_001, {
  parentSpanId: 'agent',
  name: 'chat sim:strong',
  kind: 'client',
  status: { code: 'error', message: 'rate limited' },
  attributes: { 'gen_ai.operation.name': 'chat', 'agentlab.run.id': 'run-1' },
});
const toolSpan = span('tool', 1_700_000_000_002, { parentSpanId: 'agent', name: 'execute_tool search', status: { code: 'ok' } });

function write(spans: SpanRecord[]): void {
  store.writeSpans(normalizeSpans(spans));
}

describe('spans', () => {
  it('are read back whole by trace, in start order', () => {
    write([toolSpan, agentSpan]);
    write([chatSpan, span('elsewhere', 0, { traceId: 'trace-2' })]);
    expect(store.spans('trace-1')).toEqual([agentSpan, chatSpan, toolSpan]);
    expect(store.spans('trace-2').map((record) => record.spanId)).toEqual(['elsewhere']);
    expect(store.spans('no-trace')).toEqual([]);
  });

  it('are kept once when written again, as first written', () => {
    write([agentSpan, chatSpan]);
    write([{ ...agentSpan, name: 'changed' }, toolSpan]);
    write([]);
    const spans = store.spans('trace-1');
    expect(spans).toHaveLength(3);
    expect(spans[0]!.name).toBe('invoke_agent react');
  });

  it('have the operation, run and case copied into columns a report can filter on', () => {
    write([agentSpan, chatSpan, toolSpan]);
    const database = new BetterSqlite3(path, { readonly: true });
    const rows = database.prepare('SELECT span_id, operation_name, run_id, case_id FROM spans ORDER BY start_time_ms').all();
    database.close();
    expect(rows).toEqual([
      { span_id: 'agent', operation_name: 'invoke_agent', run_id: 'run-1', case_id: 'case-1' },
      { span_id: 'chat', operation_name: 'chat', run_id: 'run-1', case_id: null },
      { span_id: 'tool', operation_name: null, run_id: null, case_id: null },
    ]);
  });

  it('can be written through a normalizing sink, which leaves the store open when tracing closes its sinks', async () => {
    const sink = normalizingSink(store);
    await sink.write([agentSpan]);
    await sink.close?.();
    expect(store.isOpen).toBe(true);
    expect(store.spans('trace-1')).toEqual([agentSpan]);
  });
});

describe('traces', () => {
  it('keep each trace\'s totals from its spans\' views, however many writes bring them, and count a span sent twice once', () => {
    const llm = span('llm', 1_700_000_000_003, { parentSpanId: 'agent', attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 1_000_000, 'llm.token_count.completion': 10 } });
    const unpriced = span('local', 1_700_000_000_004, { parentSpanId: 'agent', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'local-llama', 'gen_ai.usage.input_tokens': 5 } });
    const tool = { ...toolSpan, attributes: { 'gen_ai.operation.name': 'execute_tool' } };
    write([chatSpan, tool]);
    write([llm, tool]);
    write([agentSpan, unpriced]);
    const [entry] = store.traces();
    expect(entry).toEqual({
      traceId: 'trace-1',
      serviceName: 'agentlab',
      rootName: 'invoke_agent react',
      startTimeMs: agentSpan.startTimeMs,
      durationMs: unpriced.endTimeMs - agentSpan.startTimeMs,
      spanCount: 5,
      agentRuns: 1,
      modelCalls: 3,
      toolCalls: 1,
      errorSpans: 1,
      inputTokens: 1_000_005,
      outputTokens: 10,
      costUsd: expect.closeTo(0.15 + 10 * 0.6e-6, 12),
      unpricedModelCalls: 2,
      runId: 'run-1',
      caseId: 'case-1',
    });
  });

  it('list newest first, filtered by service, time, errors and root name text, and sum spend by service', () => {
    const trace = (traceId: string, startTimeMs: number, serviceName: string, name: string, fields: Partial<SpanRecord> = {}) =>
      span(`${traceId}-root`, startTimeMs, { traceId, serviceName, name, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000 }, ...fields });
    write([
      trace('a', 1000, 'billing-agent', 'invoke_agent billing'),
      trace('b', 2000, 'support-agent', 'support_100%_done', { status: { code: 'error' } }),
      trace('c', 3000, 'billing-agent', 'invoke_agent refunds'),
    ]);
    expect(store.traces().map((entry) => entry.traceId)).toEqual(['c', 'b', 'a']);
    expect(store.traces({ limit: 1, offset: 1 }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traces({ serviceName: 'billing-agent' }).map((entry) => entry.traceId)).toEqual(['c', 'a']);
    expect(store.traces({ since: 1500, until: 3000 }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traces({ errorsOnly: true }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traces({ rootNameContains: 'REFUND' }).map((entry) => entry.traceId)).toEqual(['c']);
    expect(store.traces({ rootNameContains: '100%' }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traces({ rootNameContains: '0%' }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traces({ rootNameContains: '_d' }).map((entry) => entry.traceId)).toEqual(['b']);
    expect(store.traceServices()).toEqual(['billing-agent', 'support-agent']);
    expect(store.serviceCosts({ since: 0 })).toEqual([
      { serviceName: 'billing-agent', traces: 2, modelCalls: 2, inputTokens: 2000, outputTokens: 0, costUsd: 0.005, unpricedModelCalls: 0 },
      { serviceName: 'support-agent', traces: 1, modelCalls: 1, inputTokens: 1000, outputTokens: 0, costUsd: 0.0025, unpricedModelCalls: 0 },
    ]);
  });
});
