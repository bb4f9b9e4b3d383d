// A planned run inside a web service instrumented with the GenAI conventions and nothing else of
// agentlab's (an OpenTelemetry HTTP server, a database client and the `openai-v2` instrumentation,
// as a Python service sends them): a `POST /api/<agent>` server span at the root, a database query,
// then an `invoke_agent` span holding `chat <model>` and `execute_tool <tool>` spans. Message
// content is not captured, the instrumentation's default; the HTTP and database spans are `other`.
import type { SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import { planTimeline, type AgentRunPlan } from './agent-run-plan.js';
import { modelCallError, traceSpan } from './trace-span.js';

const httpScope = 'opentelemetry.instrumentation.fastapi';
const databaseScope = 'opentelemetry.instrumentation.asyncpg';
const openAiScope = 'opentelemetry.instrumentation.openai_v2';
const agentScope = 'support_desk.agents';
const databaseMs = 3;

export function genAiServiceTrace(plan: AgentRunPlan, random: RandomSource): SpanRecord[] {
  // The agent starts once the request's row is read.
  const timeline = planTimeline({ ...plan, startTimeMs: plan.startTimeMs + databaseMs + 1 });
  const rootId = random.hex(8);
  const agentId = random.hex(8);
  const route = `/api/${plan.agentName}`;
  const spans: SpanRecord[] = [
    traceSpan(plan, random, {
      name: 'SELECT support.tickets',
      kind: 'client',
      scope: databaseScope,
      parentSpanId: rootId,
      startMs: plan.startTimeMs + 0.5,
      endMs: plan.startTimeMs + databaseMs,
      attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'support', 'db.operation.name': 'SELECT', 'db.collection.name': 'tickets', 'db.query.text': 'SELECT id, customer_id, body FROM tickets WHERE id = $1', 'server.address': 'db.internal', 'server.port': 5432 },
    }),
  ];
  plan.calls.forEach((call, index) => {
    const times = timeline.calls[index]!;
    spans.push(
      traceSpan(plan, random, {
        name: `chat ${plan.model}`,
        kind: 'client',
        scope: openAiScope,
        parentSpanId: agentId,
        startMs: times.startMs,
        endMs: times.endMs,
        ...(call.failed ? { errorMessage: modelCallError } : {}),
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'openai',
          'gen_ai.request.model': plan.model,
          'gen_ai.request.temperature': 0.2,
          'server.address': 'api.openai.com',
          'server.port': 443,
          ...(call.failed
            ? { 'error.type': 'RateLimitError' }
            : {
                'gen_ai.response.model': `${plan.model}-2024-07-18`,
                'gen_ai.response.id': call.responseId,
                'gen_ai.response.finish_reasons': [call.toolCall ? 'tool_calls' : 'stop'],
                'gen_ai.usage.input_tokens': call.inputTokens,
                'gen_ai.usage.output_tokens': call.outputTokens,
              }),
        },
      }),
    );
    const tool = call.toolCall;
    if (!tool || !times.tool) return;
    spans.push(
      traceSpan(plan, random, {
        name: `execute_tool ${tool.name}`,
        scope: agentScope,
        parentSpanId: agentId,
        startMs: times.tool.startMs,
        endMs: times.tool.endMs,
        ...(tool.failed ? { errorMessage: tool.result } : {}),
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': tool.name, 'gen_ai.tool.call.id': tool.callId, 'gen_ai.tool.type': 'function', ...(tool.failed ? { 'error.type': 'TimeoutError' } : {}) },
      }),
    );
  });
  const failure = plan.failed ? { errorMessage: modelCallError } : {};
  spans.push(
    traceSpan(plan, random, {
      spanId: agentId,
      name: `invoke_agent ${plan.agentName}`,
      scope: agentScope,
      parentSpanId: rootId,
      startMs: timeline.calls[0]!.startMs - 0.5,
      endMs: timeline.endMs,
      ...failure,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': plan.agentName, 'gen_ai.system': 'openai', 'gen_ai.request.model': plan.model, ...(plan.failed ? { 'error.type': 'RateLimitError' } : {}) },
    }),
    traceSpan(plan, random, {
      spanId: rootId,
      name: `POST ${route}`,
      kind: 'server',
      scope: httpScope,
      startMs: plan.startTimeMs,
      endMs: timeline.endMs + 0.5,
      ...failure,
      attributes: {
        'http.request.method': 'POST',
        'http.route': route,
        'url.path': route,
        'url.scheme': 'https',
        'http.response.status_code': plan.failed ? 503 : 200,
        'server.address': 'support.example.com',
        'client.address': `10.0.${random.integer(0, 255)}.${random.integer(1, 254)}`,
        'user_agent.original': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        ...(plan.failed ? { 'error.type': '503' } : {}),
      },
    }),
  );
  return spans;
}
