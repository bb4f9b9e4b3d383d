// Each instrumented stack runs a two-tool agent against the simulator and sends its spans to the
// report server's receiver; these tests pin what the raw spans of each dialect carry today (names,
// the model-call, tool-call and agent attributes), which is what the span normaliser reads, and
// then what the normaliser, the trajectory and the traces pages make of them.
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TracePageData, TracesPageData } from '../../reports/index.js';
import { spanToolSteps } from '../../targets/trajectory/index.js';
import { normalizeSpan, type SpanRecord } from '../index.js';
import { defaultModel, driverTimeoutMs, stackConcurrency, stackNames } from './constants.js';
import type { StackName } from './constants.js';
import { runStack } from './run-stack.js';
import type { StackRun } from './run-stack.js';

// A test may wait for its stack behind another one (stackConcurrency at a time), each up to driverTimeoutMs.
const stackTestTimeoutMs = 2 * driverTimeoutMs + 30_000;
const runs = new Map<StackName, Promise<StackRun>>();

beforeAll(() => {
  const limit = pLimit(stackConcurrency);
  for (const stack of stackNames) {
    const run = limit(() => runStack(stack));
    // Each stack's own tests report its failure; this only keeps it from counting as unhandled.
    run.catch(() => undefined);
    runs.set(stack, run);
  }
});

afterAll(async () => {
  await Promise.all([...runs.values()].map((run) => run.then((finished) => finished.close(), () => undefined)));
}, stackTestTimeoutMs);

const stackRun = (stack: StackName) => runs.get(stack)!;
const names = (run: StackRun) => run.spans.map((span) => span.name);
const named = (run: StackRun, name: string) => run.spans.filter((span) => span.name === name);
const text = (span: SpanRecord, key: string) => span.attributes[key] as string;
const json = (span: SpanRecord, key: string): unknown => JSON.parse(text(span, key));
const searchArguments = { query: 'the boiling point of water' };
const calculatorArguments = { expression: '17 * 23' };

function expectTokenCounts(span: SpanRecord, inputKey: string, outputKey: string): void {
  expect(span.attributes[inputKey]).toSatisfy(Number.isInteger);
  expect(span.attributes[inputKey]).toBeGreaterThan(0);
  expect(span.attributes[outputKey]).toSatisfy(Number.isInteger);
  expect(span.attributes[outputKey]).toBeGreaterThan(0);
}

describe.each(stackNames)('the %s stack', (stack) => {
  it('answers and sends one trace, every span from its service with its parent in the trace', async () => {
    const run = await stackRun(stack);
    expect(run.stdout).toContain('100 °C');
    expect(run.stdout).toContain('17 * 23 = 391');
    expect(run.traceIds).toHaveLength(1);
    expect(new Set(run.spans.map((span) => span.serviceName))).toEqual(new Set([`${stack}-agent`]));
    const spanIds = new Set(run.spans.map((span) => span.spanId));
    expect(run.spans.filter((span) => span.parentSpanId === undefined)).toHaveLength(1);
    for (const span of run.spans) if (span.parentSpanId !== undefined) expect(spanIds).toContain(span.parentSpanId);
  }, stackTestTimeoutMs);
});

describe('Vercel AI SDK (ai.* spans)', () => {
  it('makes a generateText root, a doGenerate span per model call and an ai.toolCall span per tool call', async () => {
    const run = await stackRun('vercel-ai');
    expect(names(run)).toEqual(['ai.generateText', 'ai.generateText.doGenerate', 'ai.toolCall', 'ai.generateText.doGenerate', 'ai.toolCall', 'ai.generateText.doGenerate']);
    const [root] = named(run, 'ai.generateText');
    expect(root!.attributes).toMatchObject({ 'ai.operationId': 'ai.generateText', 'ai.telemetry.functionId': 'two-tool-agent', 'ai.model.id': defaultModel });
    const modelCalls = named(run, 'ai.generateText.doGenerate');
    const inputTokens = modelCalls.map((span) => span.attributes['gen_ai.usage.input_tokens'] as number);
    expect(root!.attributes['ai.usage.inputTokens']).toBe(inputTokens.reduce((sum, tokens) => sum + tokens, 0));
  }, stackTestTimeoutMs);

  it('puts model, provider, tokens and finish reasons on the doGenerate spans', async () => {
    const modelCalls = named(await stackRun('vercel-ai'), 'ai.generateText.doGenerate');
    for (const span of modelCalls) {
      expect(span.attributes).toMatchObject({ 'gen_ai.request.model': defaultModel, 'gen_ai.response.model': defaultModel, 'ai.model.provider': 'openai.chat', 'gen_ai.system': 'openai.chat' });
      expectTokenCounts(span, 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens');
      expect(span.attributes['ai.usage.inputTokens']).toBe(span.attributes['gen_ai.usage.input_tokens']);
    }
    expect(modelCalls.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool-calls'], ['tool-calls'], ['stop']]);
  }, stackTestTimeoutMs);

  it('names each tool call with the id the model gave it, its arguments and its result', async () => {
    const run = await stackRun('vercel-ai');
    const toolCalls = named(run, 'ai.toolCall');
    const requested = named(run, 'ai.generateText.doGenerate').slice(0, 2).map((span) => (json(span, 'ai.response.toolCalls') as Array<{ toolCallId: string }>)[0]!.toolCallId);
    expect(toolCalls.map((span) => span.attributes['ai.toolCall.name'])).toEqual(['search_web', 'calculator']);
    expect(toolCalls.map((span) => span.attributes['ai.toolCall.id'])).toEqual(requested);
    expect(toolCalls.map((span) => json(span, 'ai.toolCall.args'))).toEqual([searchArguments, calculatorArguments]);
    expect(json(toolCalls[1]!, 'ai.toolCall.result')).toBe('391');
  }, stackTestTimeoutMs);
});

describe('OpenInference (openinference.span.kind, llm.*, tool.*)', () => {
  it('makes an AGENT root with LLM and TOOL children in call order', async () => {
    const run = await stackRun('openinference-openai');
    expect(names(run)).toEqual(['two-tool-agent', 'OpenAI Chat Completions', 'search_web', 'OpenAI Chat Completions', 'calculator', 'OpenAI Chat Completions']);
    expect(run.spans.map((span) => span.attributes['openinference.span.kind'])).toEqual(['AGENT', 'LLM', 'TOOL', 'LLM', 'TOOL', 'LLM']);
    expect(text(run.spans[0]!, 'output.value')).toContain('17 * 23 = 391');
  }, stackTestTimeoutMs);

  it('puts model, system, token counts and finish reason on the LLM spans', async () => {
    const modelCalls = named(await stackRun('openinference-openai'), 'OpenAI Chat Completions');
    for (const span of modelCalls) {
      expect(span.attributes).toMatchObject({ 'llm.model_name': defaultModel, 'llm.system': 'openai' });
      expectTokenCounts(span, 'llm.token_count.prompt', 'llm.token_count.completion');
      expect(span.attributes['llm.token_count.total']).toBe((span.attributes['llm.token_count.prompt'] as number) + (span.attributes['llm.token_count.completion'] as number));
    }
    expect(modelCalls.map((span) => span.attributes['llm.finish_reason'])).toEqual(['tool_calls', 'tool_calls', 'stop']);
  }, stackTestTimeoutMs);

  it('gives each TOOL span the tool name, the call id the LLM span requested, the arguments and the result', async () => {
    const run = await stackRun('openinference-openai');
    const toolCalls = run.spans.filter((span) => span.attributes['openinference.span.kind'] === 'TOOL');
    const requested = named(run, 'OpenAI Chat Completions').slice(0, 2).map((span) => span.attributes['llm.output_messages.0.message.tool_calls.0.tool_call.id']);
    expect(toolCalls.map((span) => span.attributes['tool.name'])).toEqual(['search_web', 'calculator']);
    expect(toolCalls.map((span) => span.attributes['tool.id'])).toEqual(requested);
    expect(toolCalls.map((span) => json(span, 'input.value'))).toEqual([searchArguments, calculatorArguments]);
    expect(toolCalls[1]!.attributes['output.value']).toBe('391');
  }, stackTestTimeoutMs);
});

/** Both Traceloop releases make the same entity spans: `<name>.agent` around the loop, `<name>.tool` per call. */
function expectTraceloopEntities(run: StackRun): void {
  const [agent] = named(run, 'two-tool-agent.agent');
  expect(agent!.attributes).toMatchObject({ 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'two-tool-agent', 'traceloop.workflow.name': 'two-tool-agent' });
  const toolCalls = run.spans.filter((span) => span.attributes['traceloop.span.kind'] === 'tool');
  expect(toolCalls.map((span) => span.name)).toEqual(['search_web.tool', 'calculator.tool']);
  expect(toolCalls.map((span) => span.attributes['traceloop.entity.name'])).toEqual(['search_web', 'calculator']);
  expect(toolCalls.map((span) => json(span, 'traceloop.entity.input'))).toEqual([{ args: [], kwargs: searchArguments }, { args: [], kwargs: calculatorArguments }]);
  expect(json(toolCalls[1]!, 'traceloop.entity.output')).toBe('391');
}

describe('Traceloop 0.27 (current GenAI names, traceloop.span.kind)', () => {
  it('makes an agent entity root with chat spans and tool entity spans in call order', async () => {
    const run = await stackRun('traceloop-0-27');
    expect(names(run)).toEqual(['two-tool-agent.agent', `chat ${defaultModel}`, 'search_web.tool', `chat ${defaultModel}`, 'calculator.tool', `chat ${defaultModel}`]);
    expectTraceloopEntities(run);
  }, stackTestTimeoutMs);

  it('puts operation, provider, model, tokens, finish reasons and the requested tool calls on the chat spans', async () => {
    const modelCalls = named(await stackRun('traceloop-0-27'), `chat ${defaultModel}`);
    for (const span of modelCalls) {
      expect(span.kind).toBe('client');
      expect(span.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': defaultModel, 'gen_ai.response.model': defaultModel });
      expectTokenCounts(span, 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens');
    }
    expect(modelCalls.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool_call'], ['tool_call'], ['stop']]);
    const requested = modelCalls.slice(0, 2).map((span) => (json(span, 'gen_ai.output.messages') as Array<{ parts: Array<{ type: string; id: string; name: string }> }>)[0]!.parts[0]!);
    expect(requested.map((part) => [part.type, part.name])).toEqual([['tool_call', 'search_web'], ['tool_call', 'calculator']]);
    for (const part of requested) expect(part.id).toMatch(/^call_/);
  }, stackTestTimeoutMs);
});

describe('Traceloop 0.22 (older GenAI names: gen_ai.system, prompt/completion tokens, llm.request.type)', () => {
  it('makes an agent entity root with openai.chat spans and tool entity spans in call order', async () => {
    const run = await stackRun('traceloop-0-22');
    expect(names(run)).toEqual(['two-tool-agent.agent', 'openai.chat', 'search_web.tool', 'openai.chat', 'calculator.tool', 'openai.chat']);
    expectTraceloopEntities(run);
  }, stackTestTimeoutMs);

  it('puts system, request type, model, the older token names and the requested tool calls on the chat spans', async () => {
    const modelCalls = named(await stackRun('traceloop-0-22'), 'openai.chat');
    for (const span of modelCalls) {
      expect(span.attributes).toMatchObject({ 'gen_ai.system': 'OpenAI', 'llm.request.type': 'chat', 'gen_ai.request.model': defaultModel, 'gen_ai.response.model': defaultModel });
      expectTokenCounts(span, 'gen_ai.usage.prompt_tokens', 'gen_ai.usage.completion_tokens');
      expect(span.attributes['llm.usage.total_tokens']).toBe((span.attributes['gen_ai.usage.prompt_tokens'] as number) + (span.attributes['gen_ai.usage.completion_tokens'] as number));
    }
    expect(modelCalls.map((span) => span.attributes['gen_ai.completion.0.finish_reason'])).toEqual(['tool_calls', 'tool_calls', 'stop']);
    expect(modelCalls.slice(0, 2).map((span) => span.attributes['gen_ai.completion.0.tool_calls.0.name'])).toEqual(['search_web', 'calculator']);
    expect(modelCalls.slice(0, 2).map((span) => json(span, 'gen_ai.completion.0.tool_calls.0.arguments'))).toEqual([searchArguments, calculatorArguments]);
  }, stackTestTimeoutMs);
});

/** What the two-tool run must read as, whatever stack wrote it: the normaliser's view and the pages. */
describe.each(stackNames)('the %s stack, normalised', (stack) => {
  it('reads as one agent run, three model calls with tokens and a price-table cost, and the two tool calls with their arguments and results', async () => {
    const run = await stackRun(stack);
    const views = run.spans.map((span) => normalizeSpan(span));
    expect(views.map((view) => view.type).sort()).toEqual(['agent', 'model', 'model', 'model', 'tool', 'tool']);
    const models = views.filter((view) => view.type === 'model');
    for (const view of models) {
      expect(view.model).toMatchObject({ model: defaultModel });
      expect(view.model!.inputTokens).toBeGreaterThan(0);
      expect(view.model!.outputTokens).toBeGreaterThan(0);
      expect(view.costSource).toBe('price_table');
      expect(view.costUsd).toBeCloseTo((view.model!.inputTokens! * 0.15 + view.model!.outputTokens! * 0.6) / 1e6, 12);
    }
    expect(models.map((view) => view.model!.finishReasons?.at(-1))).toEqual([expect.stringMatching(/^tool/), expect.stringMatching(/^tool/), 'stop']);
    const tools = views.filter((view) => view.type === 'tool').map((view) => view.tool!);
    expect(tools.map((tool) => tool.name)).toEqual(['search_web', 'calculator']);
    expect(tools.map((tool) => JSON.parse(tool.arguments!))).toEqual([searchArguments, calculatorArguments]);
    expect(tools[1]!.result).toBe('391');
    // Only Traceloop's tool spans carry no call id; the others carry the id the model gave the call.
    if (stack.startsWith('traceloop')) expect(tools.every((tool) => tool.callId === undefined)).toBe(true);
    else for (const tool of tools) expect(tool.callId).toMatch(/^call_/);
  }, stackTestTimeoutMs);

  it('becomes a trajectory with both tool calls, as a case scored through the proxy would get them', async () => {
    const steps = spanToolSteps((await stackRun(stack)).spans);
    expect(steps.map((step) => [step.tool, JSON.parse(step.arguments), step.ok])).toEqual([['search_web', searchArguments, true], ['calculator', calculatorArguments, true]]);
  }, stackTestTimeoutMs);

  it('is listed on /traces with its model calls, tool calls, tokens and cost right, agreeing with its trace page', async () => {
    const run = await stackRun(stack);
    const views = run.spans.map((span) => normalizeSpan(span));
    const inputTokens = views.reduce((sum, view) => sum + (view.model?.inputTokens ?? 0), 0);
    const outputTokens = views.reduce((sum, view) => sum + (view.model?.outputTokens ?? 0), 0);
    const costUsd = views.reduce((sum, view) => sum + (view.costUsd ?? 0), 0);
    const list = (await run.app.inject({ url: `/api/traces?service=${stack}-agent` })).json() as TracesPageData;
    expect(list.traces).toHaveLength(1);
    expect(list.traces[0]).toMatchObject({ traceId: run.traceIds[0], agentRuns: 1, modelCalls: 3, toolCalls: 2, errorSpans: 0, inputTokens, outputTokens, unpricedModelCalls: 0 });
    expect(list.traces[0]!.costUsd).toBeCloseTo(costUsd, 12);
    const trace = (await run.app.inject({ url: `/api/traces/${run.traceIds[0]}` })).json() as TracePageData;
    expect(trace.summary).toMatchObject({ agentRuns: 1, modelCalls: 3, toolCalls: 2, inputTokens, outputTokens, unpricedModelCalls: 0 });
    expect(trace.summary.costUsd).toBeCloseTo(costUsd, 12);
    const html = (await run.app.inject({ url: '/traces' })).body;
    expect(html).toContain(`href="/traces/${run.traceIds[0]}"`);
  }, stackTestTimeoutMs);
});
