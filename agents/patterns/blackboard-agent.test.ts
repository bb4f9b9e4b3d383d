// The blackboard agent on the simulator over HTTP: agents act on writes, not on routing; a good draft
// is approved at once, a poor one revised within the act budget without repeating an e-mail; and each
// act's span names (and links to) the write that set it off.
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySpanSink, setupTracing, type Tracing } from '../../tracing/index.js';
import type { AgentOptions } from '../core/agent-options.js';
import type { AgentResult, ToolCallStep } from '../core/agent-result.js';
import { runAgent } from '../core/run-agent.js';
import { createAgentTestBed, type AgentTestBed } from '../core/test-support.js';
import { agentPatterns } from './index.js';

let bed: AgentTestBed;
let tracing: Tracing;
const sink = new MemorySpanSink();

beforeAll(() => {
  bed = createAgentTestBed();
  tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
});
afterAll(async () => {
  await tracing.shutdown();
  await bed.close();
});

async function run(goal: string, reference = 'sim:oracle', options: Partial<AgentOptions> = {}) {
  const { registry } = await bed.tools();
  return runAgent('blackboard', agentPatterns.blackboard, goal, { model: await bed.open(reference), tools: registry, seed: 1, tracer: tracing.tracer, ...options });
}

const actors = (result: AgentResult) => result.steps.filter((step) => step.type === 'model_call').map((step) => step.agent);
const toolsBy = (result: AgentResult, agent: string) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call' && step.agent === agent && step.ok).map((step) => step.tool);

describe('blackboard on sim:oracle', () => {
  it('researches, drafts and gets the draft approved: the approved draft is the answer', async () => {
    const result = await run('Search for the boiling point of water and write a short answer.');
    expect(result.status).toBe('completed');
    expect([...new Set(actors(result))]).toEqual(['researcher', 'writer', 'reviewer']);
    expect(toolsBy(result, 'researcher')).toEqual(['search_web']);
    expect(result.counters).toEqual({ last_review_score: 10 });
    expect(result.output).toContain('100 °C');
  });

  it('revises a draft the reviewer sends back until the act budget is spent, then answers with the latest draft', async () => {
    const result = await run('Search for the zorblax migration season and write a short answer.');
    expect(result.status).toBe('completed');
    // research, then three drafts each with its review: seven acts, the writer's fourth left undone.
    expect(actors(result).filter((agent) => agent === 'reviewer')).toHaveLength(3);
    expect(result.counters).toMatchObject({ revisions: 2, act_budget_spent: 1, last_review_score: 3 });
    expect(result.output).toContain('zorblax');
  });

  it('never repeats an e-mail when revising', async () => {
    const result = await run('Search for the zorblax migration season and email the findings to tom@example.com', 'sim:oracle', { allowed: ['read', 'write', 'destructive'] });
    expect(result.counters?.revisions).toBe(2);
    expect(toolsBy(result, 'writer')).toEqual(['send_email']);
  });

  it('passes a case on sim:weak for some seeds and not others, like the other multi-agent patterns', async () => {
    const statuses = new Set<boolean>();
    for (let seed = 0; seed < 12 && statuses.size < 2; seed++) {
      const result = await run('Search for the boiling point of water and calculate 17 * 23', 'sim:weak', { seed });
      statuses.add(result.status === 'completed' && result.output.includes('100 °C') && result.output.includes('391'));
    }
    expect([...statuses].sort()).toEqual([false, true]);
  });
});

describe('blackboard traces', () => {
  it('marks every act’s span with the write that triggered it, the write recorded on its author’s span', async () => {
    const result = await run('Search for the boiling point of water and write a short answer.');
    await tracing.forceFlush();
    const spans = sink.trace(result.traceId!);
    const acts = spans.filter((span) => span.attributes['agentlab.blackboard.trigger.key'] !== undefined);
    expect(acts.map((span) => `${span.name} ← ${String(span.attributes['agentlab.blackboard.trigger.key'])}@${String(span.attributes['agentlab.blackboard.trigger.version'])} by ${String(span.attributes['agentlab.blackboard.trigger.author'])}`)).toEqual([
      'invoke_agent researcher ← goal@1 by user',
      'invoke_agent writer ← research/findings@1 by researcher',
      'invoke_agent reviewer ← draft@1 by writer',
    ]);
    const writes = spans
      .flatMap((span) => span.events.filter((event) => event.name === 'agentlab.blackboard.write').map((event) => ({ timeMs: event.timeMs, text: `${String(event.attributes['agentlab.blackboard.key'])} on ${span.name}` })))
      .sort((left, right) => left.timeMs - right.timeMs);
    expect(writes.map((write) => write.text)).toEqual(['goal on invoke_agent blackboard', 'research/findings on invoke_agent researcher', 'draft on invoke_agent writer', 'review on invoke_agent reviewer']);
  });

  it('links each act’s span to the span the triggering write was recorded on, for OTLP backends', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    try {
      await run('Search for the boiling point of water and write a short answer.', 'sim:oracle', { tracer: provider.getTracer('test') });
      const spans = exporter.getFinishedSpans();
      const byName = (name: string) => spans.find((span) => span.name === name)!;
      const linked = (name: string) => byName(name).links.map((link) => [link.context.spanId, link.attributes?.['agentlab.blackboard.key'], link.attributes?.['agentlab.blackboard.version']]);
      expect(linked('invoke_agent researcher')).toEqual([[byName('invoke_agent blackboard').spanContext().spanId, 'goal', 1]]);
      expect(linked('invoke_agent writer')).toEqual([[byName('invoke_agent researcher').spanContext().spanId, 'research/findings', 1]]);
      expect(linked('invoke_agent reviewer')).toEqual([[byName('invoke_agent writer').spanContext().spanId, 'draft', 1]]);
    } finally {
      await provider.shutdown();
    }
  });
});
