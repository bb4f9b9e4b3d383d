// The rating call end to end, through the real openai client over HTTP: against the simulator (a
// complete answer rated above one that gives up, the same rating for the same seed, usage counted,
// a chat span under the given parent), a reply that is not JSON, and an endpoint that is down.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context as otelContext, trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { MemorySpanSink, setupTracing, type Tracing } from '../../tracing/index.js';
import type { AgentModel } from '../core/agent-options.js';
import type { TrajectoryStep } from '../core/agent-result.js';
import { createAgentTestBed, type AgentTestBed } from '../core/test-support.js';
import { rateAnswer } from './rate-answer.js';

let bed: AgentTestBed;
let strong: ModelHandle;
let tracing: Tracing;
const sink = new MemorySpanSink();
let notJsonServer: http.Server;
let notJsonModel: AgentModel;

const searchStep: TrajectoryStep = {
  type: 'tool_call',
  agent: 'react',
  callId: 'call_1',
  tool: 'search_web',
  arguments: '{"query":"the height of Mount Everest"}',
  ok: true,
  result: 'Mount Everest is 8,849 metres high.',
  latencyMs: 1,
  startedAt: 0,
};

beforeAll(async () => {
  bed = createAgentTestBed();
  strong = await bed.open('sim:strong');
  tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
  // An endpoint whose model answers a rating with text that is not JSON.
  notJsonServer = http.createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'I am fairly sure, maybe 0.8' }, finish_reason: 'stop' }], usage: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 } }));
  });
  await new Promise<void>((resolve) => notJsonServer.listen(0, '127.0.0.1', resolve));
  const { port } = notJsonServer.address() as AddressInfo;
  notJsonModel = { client: new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'test', maxRetries: 0 }), model: 'm', provider: 'test' };
});
afterAll(async () => {
  await tracing.shutdown();
  await bed.close();
  await new Promise<void>((resolve) => notJsonServer.close(() => resolve()));
});

const goal = 'Search for the height of Mount Everest';

describe('rateAnswer against the simulator', () => {
  it('rates an answer that does what the goal asks above one that gives up, the same each time for a seed', async () => {
    const good = await rateAnswer({ goal, answer: 'I searched for "the height of Mount Everest". Mount Everest is 8,849 metres high.', steps: [searchStep] }, { model: strong, threshold: 0.85, seed: 7 });
    const again = await rateAnswer({ goal, answer: 'I searched for "the height of Mount Everest". Mount Everest is 8,849 metres high.', steps: [searchStep] }, { model: strong, threshold: 0.85, seed: 7 });
    const poor = await rateAnswer({ goal, answer: 'I do not have enough information to answer: Search for the height of Mount Everest' }, { model: strong, threshold: 0.85, seed: 7 });
    expect(good.readable).toBe(true);
    expect(good.confidence).toBeGreaterThan(poor.confidence + 0.3);
    expect(again.confidence).toBe(good.confidence);
    expect(again.reasoning).toBe(good.reasoning);
    expect(poor.escalated).toBe(true);
    expect(poor.reasoning).toMatch(/could not|lacks information/);
    // Its tokens are the rating call's own, for the result's totals.
    expect(good.step).toMatchObject({ type: 'model_call', agent: 'confidence', model: 'strong' });
    expect(good.step.inputTokens).toBeGreaterThan(50);
    expect(good.step.outputTokens).toBeGreaterThan(5);
  });

  it("is traced as a chat span of agent confidence under the parent it is given, with the rating on it", async () => {
    const parent = tracing.tracer.startSpan('invoke_agent react');
    const outcome = await rateAnswer({ goal, answer: 'Everest.' }, { model: strong, threshold: 0.85, seed: 1, tracer: tracing.tracer, parentContext: trace.setSpan(otelContext.active(), parent) });
    parent.end();
    await tracing.forceFlush();
    const spans = sink.trace(parent.spanContext().traceId);
    const chat = spans.find((span) => span.attributes['gen_ai.agent.name'] === 'confidence')!;
    expect(chat.name).toBe('chat strong');
    expect(chat.parentSpanId).toBe(parent.spanContext().spanId);
    expect(chat.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.output.type': 'json',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.seed': 1,
      'gen_ai.usage.input_tokens': outcome.step.inputTokens,
      'agentlab.confidence': outcome.confidence,
      'agentlab.confidence.escalated': outcome.escalated,
      'agentlab.confidence.threshold': 0.85,
    });
    expect(chat.attributes['gen_ai.usage.cost']).toBeGreaterThan(0);
  });
});

describe('a rating that cannot be had', () => {
  it('counts a reply that is not JSON as 0, saying why, with its tokens still counted', async () => {
    const outcome = await rateAnswer({ goal, answer: 'Everest is 8,849 m.' }, { model: notJsonModel, threshold: 0.5 });
    expect(outcome).toMatchObject({ confidence: 0, readable: false, escalated: true });
    expect(outcome.reasoning).toContain('The rating could not be read, so it counts as 0: it is not valid JSON');
    expect(outcome.step.inputTokens).toBe(50);
    expect(outcome.error).toBeUndefined();
  });

  it('counts a model error as 0 with the error, after the usual retries', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead: AgentModel = { client: new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'test', maxRetries: 0 }), model: 'm', provider: 'test' };
    const outcome = await rateAnswer({ goal, answer: 'Everest is 8,849 m.' }, { model: dead, threshold: 0.85, sleep: async () => undefined });
    expect(outcome).toMatchObject({ confidence: 0, readable: false, escalated: true, error: { code: 'model_call_failed' } });
    expect(outcome.reasoning).toMatch(/^The rating call failed, so it counts as 0: m failed 3 times; last error: connection refused/);
    expect(outcome.step.retries).toHaveLength(3);
  });
});
