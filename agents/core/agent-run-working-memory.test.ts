// Working memory inside a run, against the simulator over real HTTP with the real OpenTelemetry SDK:
// a long task on the 8,192-token profile completes because its middle was folded, and the run's
// events, trajectory, usage and spans say so; a summary call that fails leaves the conversation as it
// was, and when that cannot fit the run stops with context_length_exceeded naming the model and window.
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { MemorySpanSink, setupTracing, type SpanRecord, type Tracing } from '../../tracing/index.js';
import { agentPatterns } from '../patterns/index.js';
import { createDefaultRegistry, createSandbox, type Sandbox } from '../tools/index.js';
import type { AgentOptions } from './agent-options.js';
import type { AgentResult, ModelCallStep } from './agent-result.js';
import type { ProgressEvent } from './progress-event.js';
import { runAgent } from './run-agent.js';
import { createAgentTestBed, type AgentTestBed } from './test-support.js';

const reports = fileURLToPath(new URL('../../datasets/golden/fixtures/long-reports/', import.meta.url));
const goal =
  'Read stations/harrow-hill.md, read stations/fenwick-marsh.md, read stations/calder-quay.md, read stations/brindle-tor.md, ' +
  'read stations/ashby-cross.md, read stations/kestrel-pike.md, read stations/saltmere-point.md, read stations/mossbeck-ford.md, ' +
  'read stations/thornley-fell.md and read stations/wrenfield-farm.md, then report the rainfall each station recorded in 2025';
const rainfall = ['1,184', '655', '977', '1,402', '842', '1,296', '731', '1,037', '1,251', '768'];

let bed: AgentTestBed;
let small: ModelHandle;
let tracing: Tracing;
const sink = new MemorySpanSink();
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  bed = createAgentTestBed();
  small = await bed.open('sim:small');
  tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
});
afterAll(async () => {
  await tracing.shutdown();
  await Promise.all(sandboxes.map((sandbox) => sandbox.remove()));
  await bed.close();
});

async function run(options: Partial<AgentOptions> = {}): Promise<{ result: AgentResult; events: ProgressEvent[]; spans: SpanRecord[] }> {
  const sandbox = await createSandbox({ fixtures: reports });
  sandboxes.push(sandbox);
  const events: ProgressEvent[] = [];
  const result = await runAgent('react', agentPatterns.react, goal, {
    model: small,
    tools: createDefaultRegistry({ sandbox }),
    tracer: tracing.tracer,
    seed: 5,
    onEvent: (event) => events.push(event),
    ...options,
  });
  await tracing.forceFlush();
  return { result, events, spans: result.traceId ? sink.trace(result.traceId) : [] };
}

/** The simulator's client, except that every summary request gets a 500: an endpoint that cannot summarise. */
function failingSummaries(model: ModelHandle): ModelHandle {
  const client = new OpenAI({
    baseURL: model.baseURL,
    apiKey: 'sim',
    maxRetries: 0,
    fetch: async (url, init) => {
      if (typeof init?.body === 'string' && init.body.includes('Summarise the conversation above')) {
        return new Response(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      return fetch(url, init);
    },
  });
  return { ...model, client };
}

const modelSteps = (result: AgentResult) => result.steps.filter((step): step is ModelCallStep => step.type === 'model_call');

describe('working memory in a run', () => {
  it('completes a long task on an 8K window by folding its middle, and the trace says so', async () => {
    const { result, events, spans } = await run();
    expect(result.status).toBe('completed');
    for (const figure of rainfall) expect(result.output).toContain(figure);

    const compressions = events.filter((event) => event.type === 'memory-compressed');
    expect(compressions.length).toBeGreaterThan(0);
    for (const event of compressions) {
      expect(event).toMatchObject({ agent: 'react', contextWindow: 8192 });
      expect(event.tokensBefore).toBeGreaterThanOrEqual(6144);
      expect(event.tokensAfter).toBeLessThan(6144);
    }

    // Each summary is a model call of its own on the trajectory, counted in the run's usage.
    const summaries = modelSteps(result).filter((step) => step.agent === 'working-memory');
    expect(summaries).toHaveLength(compressions.length);
    const steps = modelSteps(result);
    expect(result.usage.inputTokens).toBe(steps.reduce((sum, step) => sum + step.inputTokens, 0));
    // No request the agent sent was over the window.
    expect(Math.max(...steps.map((step) => step.inputTokens))).toBeLessThanOrEqual(8192);

    const compressSpans = spans.filter((span) => span.name === 'memory.compress');
    expect(compressSpans).toHaveLength(compressions.length);
    const root = spans.find((span) => !span.parentSpanId)!;
    for (const [index, span] of compressSpans.entries()) {
      expect(span.parentSpanId).toBe(root.spanId);
      expect(span.status.code).toBe('unset');
      expect(span.attributes).toMatchObject({
        'gen_ai.agent.name': 'react',
        'agentlab.memory.context_window': 8192,
        'agentlab.memory.threshold': 0.75,
        'agentlab.memory.messages_folded': compressions[index]!.messagesFolded,
        'agentlab.memory.tokens_before': compressions[index]!.tokensBefore,
        'agentlab.memory.tokens_after': compressions[index]!.tokensAfter,
        'agentlab.memory.summary_tokens': compressions[index]!.summaryTokens,
      });
      expect(spans.filter((child) => child.parentSpanId === span.spanId).map((child) => child.name)).toEqual(['chat small']);
    }
    expect(root.attributes['gen_ai.usage.input_tokens']).toBe(result.usage.inputTokens);
  });

  it('without working memory the same task ends with the endpoint\'s context_length_exceeded', async () => {
    const { result, events } = await run({ workingMemory: false });
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('context_length_exceeded');
    expect(result.error?.message).toMatch(/^small's context window is exceeded: 400 This model's maximum context length is 8192 tokens\./);
    expect(events.some((event) => event.type === 'memory-compressed')).toBe(false);
  });

  it('goes on uncompressed when a summary call fails, and stops clearly once the conversation cannot fit', async () => {
    const { result, events, spans } = await run({ model: failingSummaries(small), limits: { modelTries: 1 } });
    const steps = modelSteps(result);
    const failedSummaries = steps.filter((step) => step.agent === 'working-memory');
    expect(failedSummaries.length).toBeGreaterThanOrEqual(2);
    for (const step of failedSummaries) expect(step.error).toMatch(/^small failed 1 times; last error: 500 /);
    // After the first failed summary the run carried on: more reads were made with the conversation as it was.
    const firstFailure = result.steps.indexOf(failedSummaries[0]!);
    expect(result.steps.slice(firstFailure).some((step) => step.type === 'tool_call' && step.ok)).toBe(true);
    expect(events.some((event) => event.type === 'memory-compressed')).toBe(false);

    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('context_length_exceeded');
    expect(result.error?.message).toMatch(
      /^react's conversation needs \d+ tokens but small's context window is 8192 tokens, and the summary call that would have shortened it failed: small failed 1 times; last error: 500 /,
    );
    // The agent never sent a request the window could not hold: it stopped before the 400.
    expect(steps.every((step) => step.error === undefined || step.agent === 'working-memory')).toBe(true);
    const compressSpans = spans.filter((span) => span.name === 'memory.compress');
    expect(compressSpans).toHaveLength(failedSummaries.length);
    for (const span of compressSpans) expect(span.status.code).toBe('error');
  });
});
