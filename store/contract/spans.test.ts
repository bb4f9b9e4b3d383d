// The contract of spans and traces on every backend: spans read back whole by trace in start order,
// kept once when sent twice (in one batch, in two, or by two stores at once), and each trace's totals,
// list, services and spend by service kept from the spans' normalised views.
import { expect, it } from 'vitest';
import { normalizeSpans, type SpanRecord } from '../../tracing/index.js';
import type { EvalStore } from '../store-backend.js';
import { forEachBackend } from './contract-suite.js';

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
    'agentlab.run.id': 'run-1',
    'agentlab.case.id': 'case-1',
    'agentlab.epoch': 0,
    'gen_ai.response.finish_reasons': ['stop', 'tool_calls'],
    'agentlab.flags': [true, false],
    'text.with.quotes': 'say "hi" \\ ü',
  },
  events: [{ name: 'exception', timeMs: 1_700_000_000_005.75, attributes: { 'exception.type': 'TimeoutError', 'retry.attempt': 2 } }],
});
const chatSpan = span('chat', 1_700_000_000_001, {
  parentSpanId: 'agent',
  name: 'chat sim:strong',
  kind: 'client',
  status: { code: 'error', message: 'rate limited' },
  attributes: { 'gen_ai.operation.name': 'chat', 'agentlab.run.id': 'run-1' },
});
const toolSpan = span('tool', 1_700_000_000_002, { parentSpanId: 'agent', name: 'execute_tool search', status: { code: 'ok' }, attributes: { 'gen_ai.operation.name': 'execute_tool' } });

const write = (store: EvalStore, spans: SpanRecord[]): Promise<void> => store.writeSpans(normalizeSpans(spans));

forEachBackend((context) => {
  it('reads spans back whole by trace, in start order', async () => {
    const { store } = context;
    await write(store, [toolSpan, agentSpan]);
    await write(store, [chatSpan, span('elsewhere', 0, { traceId: 'trace-2' })]);
    expect(await store.spans('trace-1')).toEqual([agentSpan, chatSpan, toolSpan]);
    expect((await store.spans('trace-2')).map((record) => record.spanId)).toEqual(['elsewhere']);
    expect(await store.spans('no-trace')).toEqual([]);
  });

  it('keeps a span sent twice once, as first written, and counts it once in its trace', async () => {
    const { store } = context;
    await write(store, [agentSpan, chatSpan, { ...chatSpan, name: 'same batch again' }]);
    await write(store, [{ ...agentSpan, name: 'changed' }, toolSpan]);
    await write(store, []);
    const spans = await store.spans('trace-1');
    expect(spans.map((record) => record.name)).toEqual(['invoke_agent react', 'chat sim:strong', 'execute_tool search']);
    const [trace] = await store.traces();
    expect(trace).toMatchObject({ spanCount: 3, agentRuns: 1, modelCalls: 1, toolCalls: 1, errorSpans: 1, rootName: 'invoke_agent react', runId: 'run-1', caseId: 'case-1' });
  });

  it("keeps each trace's totals however many writes bring its spans, the root's name once it arrives", async () => {
    const { store } = context;
    const llm = span('llm', 1_700_000_000_003, { parentSpanId: 'agent', attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 1_000_000, 'llm.token_count.completion': 10 } });
    const unpriced = span('local', 1_700_000_000_004, { parentSpanId: 'agent', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'local-llama', 'gen_ai.usage.input_tokens': 5 } });
    await write(store, [chatSpan, toolSpan]);
    expect((await store.traces())[0]?.rootName).toBe('chat sim:strong');
    await write(store, [llm]);
    await write(store, [agentSpan, unpriced]);
    expect(await store.traces()).toEqual([{
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
    }]);
  });

  it('lists traces newest first, filtered by service, time, errors and root name text, and sums spend by service', async () => {
    const { store } = context;
    const trace = (traceId: string, startTimeMs: number, serviceName: string, name: string, fields: Partial<SpanRecord> = {}) =>
      span(`${traceId}-root`, startTimeMs, { traceId, serviceName, name, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000 }, ...fields });
    await write(store, [
      trace('a', 1000, 'billing-agent', 'invoke_agent billing'),
      trace('b', 2000, 'support-agent', 'support_100%_done', { status: { code: 'error' } }),
      trace('c', 3000, 'billing-agent', 'invoke_agent refunds'),
      trace('d', 3000, 'zeta', 'no model', { attributes: {} }),
    ]);
    const ids = async (options: Parameters<EvalStore['traces']>[0]) => (await store.traces(options)).map((entry) => entry.traceId);
    expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({ limit: 1, offset: 2 })).toEqual(['b']);
    expect(await ids({ serviceName: 'billing-agent' })).toEqual(['c', 'a']);
    expect(await ids({ since: 1500, until: 3000 })).toEqual(['b']);
    expect(await ids({ errorsOnly: true })).toEqual(['b']);
    expect(await ids({ rootNameContains: 'REFUND' })).toEqual(['c']);
    expect(await ids({ rootNameContains: '100%' })).toEqual(['b']);
    expect(await ids({ rootNameContains: '0%' })).toEqual(['b']);
    expect(await ids({ rootNameContains: '_d' })).toEqual(['b']);
    expect(await ids({ rootNameContains: 'g_' })).toEqual([]);
    expect(await store.traceServices()).toEqual(['billing-agent', 'support-agent', 'zeta']);
    expect(await store.serviceCosts({ since: 0, until: 2500 })).toEqual([
      { serviceName: 'billing-agent', traces: 1, modelCalls: 1, inputTokens: 1000, outputTokens: 0, costUsd: 0.0025, unpricedModelCalls: 0 },
      { serviceName: 'support-agent', traces: 1, modelCalls: 1, inputTokens: 1000, outputTokens: 0, costUsd: 0.0025, unpricedModelCalls: 0 },
    ]);
    expect(await store.serviceCosts()).toEqual([
      { serviceName: 'billing-agent', traces: 2, modelCalls: 2, inputTokens: 2000, outputTokens: 0, costUsd: 0.005, unpricedModelCalls: 0 },
      { serviceName: 'support-agent', traces: 1, modelCalls: 1, inputTokens: 1000, outputTokens: 0, costUsd: 0.0025, unpricedModelCalls: 0 },
      { serviceName: 'zeta', traces: 1, modelCalls: 0, inputTokens: 0, outputTokens: 0, unpricedModelCalls: 0 },
    ]);
  });

  it('counts every span once when two stores write the same trace at once', async () => {
    const other = await context.open();
    const spans = Array.from({ length: 40 }, (_, index) => span(`s${index}`, 1_000 + index, { parentSpanId: index === 0 ? undefined : 's0', name: 'execute_tool search', attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' } }));
    // Overlapping batches: every span is sent by both stores, in different groupings.
    await Promise.all([
      ...[0, 10, 20, 30].map((start) => write(context.store, spans.slice(start, start + 10))),
      ...[0, 20].map((start) => write(other, spans.slice(start, start + 20).reverse())),
    ]);
    expect((await context.store.spans('trace-1')).length).toBe(40);
    expect((await context.store.traces())[0]).toMatchObject({ spanCount: 40, toolCalls: 40, rootName: 'execute_tool search' });
  });
});
