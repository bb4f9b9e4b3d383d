// Traces from stacks other than agentlab's own, for the benchmarks that must see every dialect the
// normaliser reads: one foreign service per stack, each with its agents and models, writing a
// planned run as that stack's instrumentation does. Models include a provider-prefixed name and
// one with no price, so every cost path is taken.
import type { SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import { planAgentRun, type AgentRunPlan } from './agent-run-plan.js';
import { genAiServiceTrace } from './gen-ai-service-trace.js';
import { openInferenceTrace } from './open-inference-trace.js';
import { traceloopTrace } from './traceloop-trace.js';
import { vercelAiTrace } from './vercel-ai-trace.js';

export interface ForeignService {
  serviceName: string;
  /** The instrumentation that writes its spans, as the benchmark's detail names it. */
  stack: string;
  agentNames: readonly string[];
  models: readonly string[];
  /** Whether its instrumentation records content unless told not to. */
  capturesContentByDefault: boolean;
  write(plan: AgentRunPlan, random: RandomSource): SpanRecord[];
}

/** Model calls per run: with a tool call between each two, traces of 8–20 spans (fewer when a model call fails). */
const minimumCalls = 4;
const maximumCalls = 9;

export const foreignServices: readonly ForeignService[] = [
  { serviceName: 'support-bot', stack: 'Vercel AI SDK 6', agentNames: ['refund-agent', 'order-status', 'escalation-triage'], models: ['gpt-4o-mini', 'gpt-4.1-mini'], capturesContentByDefault: true, write: vercelAiTrace },
  { serviceName: 'research-assistant', stack: 'OpenInference', agentNames: ['literature-review', 'fact-checker', 'refund-policy-research'], models: ['gpt-4o', 'openai/gpt-4o-mini'], capturesContentByDefault: true, write: openInferenceTrace },
  { serviceName: 'travel-planner', stack: 'Traceloop 0.27', agentNames: ['itinerary', 'flight-search', 'refund-claims'], models: ['gpt-4.1', 'gpt-4o-mini'], capturesContentByDefault: true, write: (plan, random) => traceloopTrace(plan, random, '0.27') },
  { serviceName: 'invoice-extractor', stack: 'Traceloop 0.22', agentNames: ['invoice-parser', 'vendor-matcher'], models: ['gpt-4o-mini', 'llama-3.1-70b-instruct'], capturesContentByDefault: true, write: (plan, random) => traceloopTrace(plan, random, '0.22') },
  { serviceName: 'support-desk-api', stack: 'GenAI openai-v2', agentNames: ['ticket-router', 'refund-agent', 'summarizer'], models: ['gpt-4o', 'gpt-4o-mini'], capturesContentByDefault: false, write: genAiServiceTrace },
];

export interface ForeignTraceOptions {
  startTimeMs: number;
  /** Record content as the stack does by default (true), or never (false, for a smaller store). */
  defaultContent: boolean;
}

/** One run of one of the service's agents, as its stack's spans, children first and the root last. */
export function foreignTrace(service: ForeignService, random: RandomSource, options: ForeignTraceOptions): SpanRecord[] {
  const plan = planAgentRun(random, {
    serviceName: service.serviceName,
    agentName: random.pick(service.agentNames),
    model: random.pick(service.models),
    startTimeMs: options.startTimeMs,
    minimumCalls,
    maximumCalls,
    captureContent: options.defaultContent && service.capturesContentByDefault,
  });
  return service.write(plan, random);
}
