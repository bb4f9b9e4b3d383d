// What happened in one synthetic agent run, before any instrumentation writes it down: the goal,
// the model calls in turn (tokens, time, finish reason), the tool call each one asked for (name,
// arguments, result) and what failed. Each stack's writer turns the same plan into the spans that
// stack's instrumentation sends, so the dialects differ only in how they say it.
import type { RandomSource } from '../random-source.js';

export interface PlannedToolCall {
  name: string;
  callId: string;
  /** JSON text, as the model wrote it. */
  arguments: string;
  result: string;
  /** The tool threw; the run goes on with the error handed to the model. */
  failed: boolean;
  durationMs: number;
}

export interface PlannedModelCall {
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  responseId: string;
  /** A rate limit or a server error that ended the run. */
  failed: boolean;
  /** The call asked for this tool; the last call of a finished run asks for none and answers. */
  toolCall?: PlannedToolCall;
}

export interface AgentRunPlan {
  traceId: string;
  serviceName: string;
  /** The agent or workflow as its author named it (`refund-agent`). */
  agentName: string;
  model: string;
  system: string;
  goal: string;
  answer: string;
  startTimeMs: number;
  calls: PlannedModelCall[];
  /** A model call failed and ended the run. */
  failed: boolean;
  /** The instrumentation records prompts, messages, tool arguments and results (each library's default). */
  captureContent: boolean;
}

export interface PlanOptions {
  serviceName: string;
  agentName: string;
  model: string;
  startTimeMs: number;
  /** Fewest and most model calls in a run that does not fail. */
  minimumCalls: number;
  maximumCalls: number;
  captureContent: boolean;
}

interface ToolKind {
  name: string;
  arguments: (random: RandomSource) => object;
  result: (random: RandomSource) => string;
}

const tools: readonly ToolKind[] = [
  { name: 'search_web', arguments: (random) => ({ query: `status of order ${random.integer(10_000, 99_999)} and its refund policy` }), result: () => 'Orders can be refunded within 30 days of delivery; shipping costs are refunded only when the item arrived damaged.' },
  { name: 'lookup_order', arguments: (random) => ({ order_id: `ord_${random.hex(6)}` }), result: (random) => JSON.stringify({ status: random.pick(['shipped', 'delivered', 'returned']), total: random.integer(12, 480), currency: 'USD', items: random.integer(1, 5) }) },
  { name: 'read_file', arguments: (random) => ({ path: `docs/policies/section-${random.integer(1, 40)}.md` }), result: () => '# Returns\n\nItems may be returned within 30 days. Refunds go to the original payment method within 5 business days.' },
  { name: 'calculator', arguments: (random) => ({ expression: `${random.integer(2, 999)} * ${random.integer(2, 99)}` }), result: (random) => String(random.integer(4, 98_000)) },
  { name: 'send_email', arguments: (random) => ({ to: `customer-${random.integer(1, 9999)}@example.com`, subject: 'About your order' }), result: () => 'queued' },
];

const systems = [
  'You are a helpful support agent. Use the tools to look things up before you answer, and never promise a refund the policy does not allow.',
  'You are a research assistant. Search first, cite what you found, and keep the answer under 120 words.',
  'You plan trips. Check prices and availability with the tools; answer with a short itinerary.',
];

/** A run of `minimumCalls`–`maximumCalls` model calls with a tool call between each two; a few fail. */
export function planAgentRun(random: RandomSource, options: PlanOptions): AgentRunPlan {
  const callCount = random.integer(options.minimumCalls, options.maximumCalls);
  const failedAt = random.next() < 0.03 ? random.integer(0, callCount - 1) : -1;
  const calls: PlannedModelCall[] = [];
  for (let index = 0; index < callCount; index++) {
    const failed = index === failedAt;
    const last = index === callCount - 1 || failed;
    const kind = random.pick(tools);
    const toolFailed = random.next() < 0.04;
    calls.push({
      inputTokens: 180 + 45 * index + random.integer(0, 120),
      outputTokens: last ? random.integer(30, 260) : random.integer(8, 40),
      durationMs: random.integer(250, 2_400),
      responseId: `chatcmpl-${random.hex(7)}`,
      failed,
      ...(last
        ? {}
        : {
            toolCall: {
              name: kind.name,
              callId: `call_${random.hex(6)}`,
              arguments: JSON.stringify(kind.arguments(random)),
              result: toolFailed ? `Error: ${kind.name} timed out after 10000 ms` : kind.result(random),
              failed: toolFailed,
              durationMs: random.integer(3, 900),
            },
          }),
    });
    if (failed) break;
  }
  return {
    traceId: random.hex(16),
    serviceName: options.serviceName,
    agentName: options.agentName,
    model: options.model,
    system: random.pick(systems),
    goal: `Customer ${random.integer(1, 99_999)} asks: where is my order, and can I still get a refund for the damaged item?`,
    answer: 'Your order was delivered on Tuesday. Because the item arrived damaged, you can get a full refund, shipping included; I have started it and emailed you the details.',
    startTimeMs: options.startTimeMs,
    calls,
    failed: failedAt >= 0,
    captureContent: options.captureContent,
  };
}

/** The run's model calls and tool calls laid end to end from its start: when each begins and ends. */
export interface PlanTimeline {
  calls: Array<{ startMs: number; endMs: number; tool?: { startMs: number; endMs: number } }>;
  endMs: number;
}

export function planTimeline(plan: AgentRunPlan, gapMs = 1): PlanTimeline {
  let clock = plan.startTimeMs + gapMs;
  const calls = plan.calls.map((call) => {
    const startMs = clock;
    const endMs = startMs + call.durationMs;
    clock = endMs + gapMs;
    if (!call.toolCall) return { startMs, endMs };
    const tool = { startMs: clock, endMs: clock + call.toolCall.durationMs };
    clock = tool.endMs + gapMs;
    return { startMs, endMs, tool };
  });
  return { calls, endMs: clock };
}

/** The chat so far as OpenAI messages: what the n-th model call is sent. */
export function messagesBefore(plan: AgentRunPlan, callIndex: number): object[] {
  const messages: object[] = [
    { role: 'system', content: plan.system },
    { role: 'user', content: plan.goal },
  ];
  for (const call of plan.calls.slice(0, callIndex)) {
    if (!call.toolCall) continue;
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: call.toolCall.callId, type: 'function', function: { name: call.toolCall.name, arguments: call.toolCall.arguments } }] });
    messages.push({ role: 'tool', tool_call_id: call.toolCall.callId, content: call.toolCall.result });
  }
  return messages;
}

/** The tool definitions every model call is sent, as OpenAI function tools. */
export const toolDefinitions: readonly object[] = tools.map((tool) => ({
  type: 'function',
  function: { name: tool.name, description: `The ${tool.name.replace('_', ' ')} tool.`, parameters: { type: 'object', properties: {}, additionalProperties: true } },
}));
