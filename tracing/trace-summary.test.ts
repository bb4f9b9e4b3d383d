// Trace summaries computed from span records alone (through the normaliser), for agentlab's spans and OpenInference ones.
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from './span-record.js';
import { summarizeTrace } from './trace-summary.js';

function span(name: string, startTimeMs: number, endTimeMs: number, attributes: SpanRecord['attributes'], error = false): SpanRecord {
  return {
    traceId: 't1',
    spanId: name,
    name,
    kind: 'internal',
    startTimeMs,
    endTimeMs,
    durationMs: endTimeMs - startTimeMs,
    status: { code: error ? 'error' : 'unset' },
    attributes,
    events: [],
    serviceName: 'test',
    scope: 'test',
  };
}

describe('summarizeTrace', () => {
  it('counts model and tool calls, sums tokens and recorded cost, and measures the whole trace', () => {
    const summary = summarizeTrace([
      span('invoke_agent react', 1000, 1900, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.usage.input_tokens': 300, 'gen_ai.usage.output_tokens': 30 }),
      span('chat a', 1010, 1200, { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'a', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 10, 'gen_ai.usage.cost': 0.5 }),
      span('execute_tool x', 1200, 1300, { 'gen_ai.operation.name': 'execute_tool' }, true),
      span('chat a', 1300, 1850, { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'a', 'gen_ai.usage.input_tokens': 200, 'gen_ai.usage.output_tokens': 20, 'gen_ai.usage.cost': 0.25 }),
    ]);
    expect(summary).toEqual({
      traceId: 't1',
      spanCount: 4,
      agentRuns: 1,
      modelCalls: 2,
      toolCalls: 1,
      errorSpans: 1,
      inputTokens: 300,
      outputTokens: 30,
      totalLatencyMs: 900,
      costUsd: 0.75,
      unpricedModelCalls: 0,
      models: ['a'],
    });
  });

  it('reads OpenInference token counts and prices spans that carry no cost', () => {
    const summary = summarizeTrace(
      [
        span('agent', 0, 100, { 'openinference.span.kind': 'AGENT' }),
        span('llm', 10, 90, { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 1_000_000, 'llm.token_count.completion': 500_000 }),
      ],
      (model) => (model === 'gpt-4o-mini' ? { input: 0.15, output: 0.6 } : undefined),
    );
    expect(summary).toMatchObject({ agentRuns: 1, modelCalls: 1, inputTokens: 1_000_000, outputTokens: 500_000, models: ['gpt-4o-mini'] });
    expect(summary.costUsd).toBeCloseTo(0.45, 10);
  });

  it('leaves cost unknown when nothing is priced', () => {
    expect(summarizeTrace([span('chat', 0, 1, { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'mystery' })]).costUsd).toBeUndefined();
  });
});
