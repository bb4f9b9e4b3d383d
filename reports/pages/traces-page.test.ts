// The traces page lists own (eval) and foreign (OTLP) traces together, newest first, with totals
// read from the normalised views; filters narrow it; the costs page sums spend by service.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceListEntry } from '../../store/index.js';
import { buildApp } from '../app.js';
import { evalFixture, getJson, type EvalFixture } from '../test-support.js';
import type { CostsPageData } from './costs-page.js';
import type { TracePageData } from './trace-page.js';
import type { TracesPageData } from './traces-page.js';

let fixture: EvalFixture;
let app: FastifyInstance;
const foreignTraceId = '5b8efff798038103d269b633813fc60c';
// After the eval's spans, which carry the real clock's times.
const foreignStart = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
const foreignDay = new Date(foreignStart).toISOString().slice(0, 10);
const dayBefore = new Date(foreignStart - 86_400_000).toISOString().slice(0, 10);

const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const attribute = (key: string, value: string | number) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } });

/** A Vercel AI SDK agent run as its OTLP exporter sends it: the loop, two model calls, one tool call. */
function vercelTrace() {
  const span = (spanId: string, parentSpanId: string | undefined, name: string, offset: number, attributes: ReturnType<typeof attribute>[]) => ({
    traceId: foreignTraceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name,
    kind: 1,
    startTimeUnixNano: nanos(foreignStart + offset),
    endTimeUnixNano: nanos(foreignStart + offset + 40),
    attributes,
  });
  return {
    resourceSpans: [{
      resource: { attributes: [attribute('service.name', 'weather-bot')] },
      scopeSpans: [{
        scope: { name: 'ai' },
        spans: [
          span('00000000000000a1', undefined, 'ai.generateText', 0, [attribute('ai.operationId', 'ai.generateText'), attribute('ai.telemetry.functionId', 'weather')]),
          span('00000000000000a2', '00000000000000a1', 'ai.generateText.doGenerate', 1, [attribute('ai.operationId', 'ai.generateText.doGenerate'), attribute('gen_ai.request.model', 'openai/gpt-4o-mini'), attribute('gen_ai.usage.input_tokens', 1_000_000), attribute('gen_ai.usage.output_tokens', 1000)]),
          span('00000000000000a3', '00000000000000a1', 'ai.toolCall', 2, [attribute('ai.operationId', 'ai.toolCall'), attribute('ai.toolCall.name', 'get_weather'), attribute('ai.toolCall.id', 'call_1')]),
          span('00000000000000a4', '00000000000000a1', 'ai.generateText.doGenerate', 3, [attribute('ai.operationId', 'ai.generateText.doGenerate'), attribute('gen_ai.request.model', 'my-local-model'), attribute('gen_ai.usage.input_tokens', 10), attribute('gen_ai.usage.output_tokens', 5)]),
        ],
      }],
    }],
  };
}

beforeAll(async () => {
  fixture = await evalFixture();
  app = buildApp({ store: fixture.store, now: () => Date.UTC(2026, 0, 21) });
  await app.ready();
  const posted = await app.inject({ method: 'POST', url: '/v1/traces', payload: vercelTrace() });
  expect(posted.statusCode).toBe(200);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

describe('traces page', () => {
  it('lists the foreign trace first with its model calls, tool calls, tokens and cost read from its dialect', async () => {
    const data = await getJson<TracesPageData>(app, '/api/traces');
    const [foreign] = data.traces;
    expect(foreign).toEqual<TraceListEntry>({
      traceId: foreignTraceId,
      serviceName: 'weather-bot',
      rootName: 'ai.generateText',
      startTimeMs: foreignStart,
      durationMs: 43,
      spanCount: 4,
      agentRuns: 1,
      modelCalls: 2,
      toolCalls: 1,
      errorSpans: 0,
      inputTokens: 1_000_010,
      outputTokens: 1005,
      // gpt-4o-mini without its provider prefix: 0.15 + 1000 × 0.6 / 1e6; the local model has no price.
      costUsd: expect.closeTo(0.15 + 0.0006, 12),
      unpricedModelCalls: 1,
    });
    expect(data.services).toEqual(['agentlab', 'weather-bot']);
  });

  it('lists the eval\'s traces with their run and case, agreeing with each trace page', async () => {
    const data = await getJson<TracesPageData>(app, '/api/traces?service=agentlab');
    const results = [...fixture.runs[0].results, ...fixture.runs[1].results];
    expect(data.traces.length).toBe(Math.min(50, results.length));
    for (const entry of data.traces.slice(0, 5)) {
      const result = results.find((candidate) => candidate.traceId === entry.traceId);
      expect(result).toBeDefined();
      expect(entry).toMatchObject({ runId: result!.runId, caseId: result!.caseId, agentRuns: 1, modelCalls: result!.modelCalls, toolCalls: result!.toolCalls });
      const trace = await getJson<TracePageData>(app, `/api/traces/${entry.traceId}`);
      expect(trace.summary).toMatchObject({ spanCount: entry.spanCount, modelCalls: entry.modelCalls, toolCalls: entry.toolCalls, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens });
      expect(trace.summary.costUsd).toBeCloseTo(entry.costUsd!, 12);
    }
  });

  it('filters by service, dates, errors and root span text, and pages newest first', async () => {
    const ids = async (query: string) => (await getJson<TracesPageData>(app, `/api/traces?${query}`)).traces.map((entry) => entry.traceId);
    expect(await ids('service=weather-bot')).toEqual([foreignTraceId]);
    expect(await ids('q=GENERATETEXT')).toEqual([foreignTraceId]);
    expect(await ids(`from=${foreignDay}&to=${foreignDay}&service=weather-bot`)).toEqual([foreignTraceId]);
    expect(await ids(`to=${dayBefore}`)).not.toContain(foreignTraceId);
    expect(await ids('errors=1')).not.toContain(foreignTraceId);
    const first = await getJson<TracesPageData>(app, '/api/traces');
    const starts = first.traces.map((entry) => entry.startTimeMs);
    expect(starts).toEqual([...starts].sort((left, right) => right - left));
    expect(first.hasOlder).toBe(false);
    const beyond = await getJson<TracesPageData>(app, '/api/traces?page=2');
    expect(beyond).toMatchObject({ traces: [], page: 2, hasOlder: false });
    expect((await app.inject({ url: '/traces?page=2' })).body).toContain('No traces match.');
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const response = await app.inject({ url: '/api/traces?from=yesterday' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('?from must be a date as YYYY-MM-DD');
  });

  it('renders the list with links to each trace, and is linked from the navigation', async () => {
    const response = await app.inject({ url: '/traces?service=weather-bot' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="/traces/${foreignTraceId}"`);
    expect(response.body).toContain('+1 unpriced');
    expect(response.body).toMatch(/<a href="\/traces" aria-current="page">Traces<\/a>/);
  });

  it('shows a foreign trace page whose totals agree with its rows and which says what each span reads as', async () => {
    const trace = await getJson<TracePageData>(app, `/api/traces/${foreignTraceId}`);
    expect(trace.summary).toMatchObject({ modelCalls: 2, toolCalls: 1, agentRuns: 1, inputTokens: 1_000_010, unpricedModelCalls: 1 });
    expect(trace.spans.map((span) => span.readsAs)).toEqual([
      'agent run weather (vercel_ai)',
      'model call openai/gpt-4o-mini (vercel_ai)',
      'tool call get_weather (vercel_ai)',
      'model call my-local-model (vercel_ai, no price)',
    ]);
    const rowsCost = trace.spans.reduce((sum, span) => sum + (span.costUsd ?? 0), 0);
    expect(trace.summary.costUsd).toBeCloseTo(rowsCost, 12);
  });
});

describe('costs page by service', () => {
  it('sums every trace\'s spend by service, foreign ones included', async () => {
    const data = await getJson<CostsPageData>(app, '/api/costs?days=30');
    const weather = data.byService.find((row) => row.serviceName === 'weather-bot');
    expect(weather).toEqual({ serviceName: 'weather-bot', traces: 1, modelCalls: 2, inputTokens: 1_000_010, outputTokens: 1005, costUsd: expect.closeTo(0.1506, 12), unpricedModelCalls: 1 });
    const own = data.byService.find((row) => row.serviceName === 'agentlab');
    expect(own?.traces).toBeGreaterThan(0);
    const html = (await app.inject({ url: '/costs?days=30' })).body;
    expect(html).toContain('By service, every trace');
    expect(html).toContain('href="/traces?service=weather-bot"');
  });
});
