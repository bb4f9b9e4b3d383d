// The normaliser on spans as each dialect writes them, and on spans no dialect can trust.
import { describe, expect, it } from 'vitest';
import { PriceTable } from '../../models/index.js';
import type { SpanRecord } from '../span-record.js';
import { summarizeTrace } from '../trace-summary.js';
import { normalizeSpan } from './index.js';

function span(name: string, attributes: SpanRecord['attributes'], fields: Partial<SpanRecord> = {}): SpanRecord {
  return { traceId: 't', spanId: name, name, kind: 'internal', startTimeMs: 1000, endTimeMs: 1010, durationMs: 10, status: { code: 'unset' }, attributes, events: [], serviceName: 's', scope: 'x', ...fields };
}

const prices = new PriceTable();
const priceFor = (model: string) => prices.lookup(model);

describe('normalizeSpan', () => {
  it('reads the current GenAI conventions', () => {
    expect(normalizeSpan(span('chat gpt-4o', { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 100, 'gen_ai.response.finish_reasons': ['stop'] }), { priceFor })).toEqual({
      type: 'model',
      dialect: 'gen_ai',
      model: { operation: 'chat', provider: 'openai', model: 'gpt-4o', inputTokens: 1000, outputTokens: 100, finishReasons: ['stop'] },
      costUsd: (1000 * 2.5 + 100 * 10) / 1e6,
      costSource: 'price_table',
    });
    expect(normalizeSpan(span('execute_tool calculator', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.call.id': 'call_1', 'gen_ai.tool.call.arguments': '{"expression":"1+1"}', 'gen_ai.tool.call.result': '2' }))).toEqual({
      type: 'tool',
      dialect: 'gen_ai',
      tool: { name: 'calculator', callId: 'call_1', arguments: '{"expression":"1+1"}', result: '2' },
    });
    expect(normalizeSpan(span('invoke_agent react', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'react' }))).toEqual({ type: 'agent', dialect: 'gen_ai', agent: { name: 'react' } });
  });

  it('reads the older GenAI names: gen_ai.system and prompt/completion tokens', () => {
    const view = normalizeSpan(span('openai.chat', { 'gen_ai.system': 'OpenAI', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.prompt_tokens': 40, 'gen_ai.usage.completion_tokens': 8 }), { priceFor });
    expect(view).toMatchObject({ type: 'model', dialect: 'gen_ai', model: { provider: 'OpenAI', model: 'gpt-4o-mini', inputTokens: 40, outputTokens: 8 }, costSource: 'price_table' });
  });

  it('takes a span\'s own cost over the price table, and prices a model named with a provider prefix', () => {
    expect(normalizeSpan(span('chat', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.cost': 0.5 }), { priceFor })).toMatchObject({ costUsd: 0.5, costSource: 'span' });
    expect(normalizeSpan(span('chat', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'openai/gpt-4o', 'gen_ai.usage.input_tokens': 1_000_000 }), { priceFor })).toMatchObject({ costUsd: 2.5, costSource: 'price_table' });
    expect(normalizeSpan(span('chat', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'my-local-llama', 'gen_ai.usage.input_tokens': 5 }), { priceFor })).toMatchObject({ costSource: 'no_price' });
    expect(normalizeSpan(span('chat', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'my-local-llama' }), { priceFor })).not.toHaveProperty('costUsd');
  });

  it('reads OpenInference LLM, TOOL and AGENT spans, cost included', () => {
    expect(normalizeSpan(span('ChatCompletion', { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.provider': 'openai', 'llm.token_count.prompt': 12, 'llm.token_count.completion': 3, 'llm.cost.total': 0.001 }))).toEqual({
      type: 'model',
      dialect: 'openinference',
      model: { operation: 'chat', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 12, outputTokens: 3 },
      costUsd: 0.001,
      costSource: 'span',
    });
    expect(normalizeSpan(span('search', { 'openinference.span.kind': 'TOOL', 'tool.name': 'search_web', 'tool_call.id': 'c1', 'input.value': '{"query":"x"}', 'output.value': 'found' }))).toMatchObject({ type: 'tool', tool: { name: 'search_web', callId: 'c1', arguments: '{"query":"x"}', result: 'found' } });
    expect(normalizeSpan(span('planner', { 'openinference.span.kind': 'AGENT' }))).toMatchObject({ type: 'agent', agent: { name: 'planner' } });
    expect(normalizeSpan(span('chain', { 'openinference.span.kind': 'CHAIN' }))).toEqual({ type: 'other', dialect: 'openinference' });
  });

  it('reads the Vercel AI SDK: the loop is an agent run, doGenerate a model call, ai.toolCall a tool call', () => {
    expect(normalizeSpan(span('ai.generateText', { 'ai.operationId': 'ai.generateText', 'ai.telemetry.functionId': 'weather-agent', 'ai.usage.inputTokens': 300 }))).toEqual({ type: 'agent', dialect: 'vercel_ai', agent: { name: 'weather-agent' } });
    expect(normalizeSpan(span('ai.generateText.doGenerate', { 'ai.operationId': 'ai.generateText.doGenerate', 'gen_ai.system': 'openai.chat', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 20, 'ai.response.finishReason': 'tool-calls' }), { priceFor })).toMatchObject({
      type: 'model',
      dialect: 'vercel_ai',
      model: { provider: 'openai.chat', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 20, finishReasons: ['tool-calls'] },
      costSource: 'price_table',
    });
    expect(normalizeSpan(span('ai.toolCall', { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'calculator', 'ai.toolCall.id': 'call_2', 'ai.toolCall.args': '{"expression":"2*3"}', 'ai.toolCall.result': '6' }))).toEqual({
      type: 'tool',
      dialect: 'vercel_ai',
      tool: { name: 'calculator', callId: 'call_2', arguments: '{"expression":"2*3"}', result: '6' },
    });
  });

  it('reads Traceloop agents, tools with their wrapped arguments, and model calls by llm.request.type', () => {
    expect(normalizeSpan(span('travel.agent', { 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'travel' }))).toEqual({ type: 'agent', dialect: 'traceloop', agent: { name: 'travel' } });
    expect(normalizeSpan(span('search_web.tool', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'search_web', 'traceloop.entity.input': '{"args":[{"query":"x"}],"kwargs":{}}', 'traceloop.entity.output': '"found"' }))).toMatchObject({
      type: 'tool',
      tool: { name: 'search_web', arguments: '{"query":"x"}', result: 'found' },
    });
    expect(normalizeSpan(span('calculator.tool', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'calculator', 'traceloop.entity.input': '{"args":[],"kwargs":{"expression":"17 * 23"}}', 'traceloop.entity.output': '391' }))).toMatchObject({
      tool: { name: 'calculator', arguments: '{"expression":"17 * 23"}', result: '391' },
    });
    expect(normalizeSpan(span('f.tool', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'f', 'traceloop.entity.input': '{"args":[1,2],"kwargs":{}}' }))).toMatchObject({ tool: { arguments: '{"args":[1,2],"kwargs":{}}' } });
    expect(normalizeSpan(span('main.workflow', { 'traceloop.span.kind': 'workflow', 'traceloop.entity.name': 'main' }))).toEqual({ type: 'other', dialect: 'traceloop' });
    expect(normalizeSpan(span('openai.chat', { 'llm.request.type': 'chat', 'gen_ai.system': 'OpenAI', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.prompt_tokens': 7, 'gen_ai.usage.completion_tokens': 2, 'gen_ai.completion.0.finish_reason': 'tool_calls' }))).toMatchObject({
      type: 'model',
      dialect: 'traceloop',
      model: { operation: 'chat', provider: 'OpenAI', model: 'gpt-4o', inputTokens: 7, outputTokens: 2, finishReasons: ['tool_calls'] },
    });
  });

  it('reads a failed span\'s error from error.type, else its status message', () => {
    expect(normalizeSpan(span('execute_tool x', { 'gen_ai.operation.name': 'execute_tool', 'error.type': 'timeout' }, { status: { code: 'error', message: 'took too long' } }))).toMatchObject({ error: 'timeout' });
    expect(normalizeSpan(span('x', {}, { status: { code: 'error', message: 'boom' } }))).toEqual({ type: 'other', dialect: 'unknown', error: 'boom' });
  });

  it('keeps spans it cannot read as other, and never trusts a wrong type or an absurd value', () => {
    expect(normalizeSpan(span('GET /', { 'http.method': 'GET' }))).toEqual({ type: 'other', dialect: 'unknown' });
    const view = normalizeSpan(span('chat', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': '12' as unknown as number, 'gen_ai.usage.output_tokens': -5, 'gen_ai.usage.cost': Number.NaN }), { priceFor });
    expect(view.type).toBe('model');
    expect(view.model).not.toHaveProperty('inputTokens');
    expect(view.model).not.toHaveProperty('outputTokens');
    expect(view).toMatchObject({ costUsd: 0, costSource: 'price_table' });
    expect(normalizeSpan(span('execute_tool', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 42 }))).toMatchObject({ type: 'tool', tool: { name: '42' } });
    expect(normalizeSpan(span('x', { 'gen_ai.operation.name': ['chat'] as unknown as string }))).toEqual({ type: 'other', dialect: 'unknown' });
  });

  it('summarises a trace with absurd times without a negative or infinite length', () => {
    const summary = summarizeTrace([
      span('a', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 5 }, { startTimeMs: 2000, endTimeMs: 1000 }),
      span('b', {}, { startTimeMs: Number.NaN, endTimeMs: Number.NaN }),
    ]);
    expect(summary).toMatchObject({ modelCalls: 1, inputTokens: 5, totalLatencyMs: 0, unpricedModelCalls: 1, costUsd: undefined });
  });
});
