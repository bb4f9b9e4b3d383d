// Spans: written as a SpanSink, read back whole by trace in start order, kept once when sent twice,
// with the attributes reports filter on copied into their own columns.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpanRecord } from '../tracing/index.js';
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

describe('spans', () => {
  it('are read back whole by trace, in start order', () => {
    store.write([toolSpan, agentSpan]);
    store.write([chatSpan, span('elsewhere', 0, { traceId: 'trace-2' })]);
    expect(store.spans('trace-1')).toEqual([agentSpan, chatSpan, toolSpan]);
    expect(store.spans('trace-2').map((record) => record.spanId)).toEqual(['elsewhere']);
    expect(store.spans('no-trace')).toEqual([]);
  });

  it('are kept once when written again, as first written', () => {
    store.write([agentSpan, chatSpan]);
    store.write([{ ...agentSpan, name: 'changed' }, toolSpan]);
    store.write([]);
    const spans = store.spans('trace-1');
    expect(spans).toHaveLength(3);
    expect(spans[0]!.name).toBe('invoke_agent react');
  });

  it('have the operation, run and case copied into columns a report can filter on', () => {
    store.write([agentSpan, chatSpan, toolSpan]);
    const database = new BetterSqlite3(path, { readonly: true });
    const rows = database.prepare('SELECT span_id, operation_name, run_id, case_id FROM spans ORDER BY start_time_ms').all();
    database.close();
    expect(rows).toEqual([
      { span_id: 'agent', operation_name: 'invoke_agent', run_id: 'run-1', case_id: 'case-1' },
      { span_id: 'chat', operation_name: 'chat', run_id: 'run-1', case_id: null },
      { span_id: 'tool', operation_name: null, run_id: null, case_id: null },
    ]);
  });

  it('can be written through spanSink(), which leaves the store open when tracing closes its sinks', async () => {
    const sink = store.spanSink();
    await sink.write([agentSpan]);
    await sink.close?.();
    expect(store.isOpen).toBe(true);
    expect(store.spans('trace-1')).toEqual([agentSpan]);
  });
});
