// A planned run as the Vercel AI SDK 6 records it with `experimental_telemetry` (the attributes of
// the spans tracing/stacks/vercel-ai.ts gets from `generateText` with tools): an `ai.generateText`
// root, an `ai.generateText.doGenerate` per model call with `ai.*` and GenAI names, and an
// `ai.toolCall` per tool call. Inputs and outputs are recorded, as they are by default.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import { messagesBefore, planTimeline, toolDefinitions, type AgentRunPlan } from './agent-run-plan.js';
import { modelCallError, traceSpan } from './trace-span.js';

const scope = 'ai';
const provider = 'openai.chat';

function common(plan: AgentRunPlan, operationId: string): Record<string, AttributeValue> {
  return {
    'operation.name': `${operationId} ${plan.agentName}`,
    'resource.name': plan.agentName,
    'ai.operationId': operationId,
    'ai.telemetry.functionId': plan.agentName,
  };
}

function usage(inputTokens: number, outputTokens: number): Record<string, AttributeValue> {
  return {
    'ai.usage.inputTokens': inputTokens,
    'ai.usage.inputTokenDetails.noCacheTokens': inputTokens,
    'ai.usage.inputTokenDetails.cacheReadTokens': 0,
    'ai.usage.outputTokens': outputTokens,
    'ai.usage.outputTokenDetails.textTokens': outputTokens,
    'ai.usage.outputTokenDetails.reasoningTokens': 0,
    'ai.usage.totalTokens': inputTokens + outputTokens,
    'ai.usage.reasoningTokens': 0,
    'ai.usage.cachedInputTokens': 0,
  };
}

const modelSettings = (plan: AgentRunPlan): Record<string, AttributeValue> => ({
  'ai.model.provider': provider,
  'ai.model.id': plan.model,
  'ai.settings.maxRetries': 2,
  'ai.request.headers.user-agent': 'ai/6.0.33',
});

export function vercelAiTrace(plan: AgentRunPlan, random: RandomSource): SpanRecord[] {
  const timeline = planTimeline(plan);
  const rootId = random.hex(8);
  const content = plan.captureContent;
  const spans: SpanRecord[] = [];
  plan.calls.forEach((call, index) => {
    const times = timeline.calls[index]!;
    const finishReason = call.toolCall ? 'tool-calls' : 'stop';
    const toolCalls = call.toolCall ? [{ toolCallId: call.toolCall.callId, toolName: call.toolCall.name, input: call.toolCall.arguments }] : [];
    spans.push(
      traceSpan(plan, random, {
        name: 'ai.generateText.doGenerate',
        scope,
        parentSpanId: rootId,
        startMs: times.startMs,
        endMs: times.endMs,
        ...(call.failed ? { errorMessage: modelCallError } : {}),
        attributes: {
          ...common(plan, 'ai.generateText.doGenerate'),
          ...modelSettings(plan),
          ...(content
            ? { 'ai.prompt.messages': JSON.stringify(messagesBefore(plan, index)), 'ai.prompt.tools': toolDefinitions.map((tool) => JSON.stringify(tool)), 'ai.prompt.toolChoice': '{"type":"auto"}' }
            : {}),
          'gen_ai.system': provider,
          'gen_ai.request.model': plan.model,
          ...(call.failed
            ? {}
            : {
                'ai.response.finishReason': finishReason,
                ...(content ? (call.toolCall ? { 'ai.response.toolCalls': JSON.stringify(toolCalls) } : { 'ai.response.text': plan.answer }) : {}),
                'ai.response.id': call.responseId,
                'ai.response.model': plan.model,
                'ai.response.timestamp': new Date(times.endMs).toISOString(),
                'ai.response.providerMetadata': '{"openai":{"acceptedPredictionTokens":0,"rejectedPredictionTokens":0}}',
                ...usage(call.inputTokens, call.outputTokens),
                'gen_ai.response.finish_reasons': [finishReason],
                'gen_ai.response.id': call.responseId,
                'gen_ai.response.model': plan.model,
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
        name: 'ai.toolCall',
        scope,
        parentSpanId: rootId,
        startMs: times.tool.startMs,
        endMs: times.tool.endMs,
        ...(tool.failed ? { errorMessage: tool.result } : {}),
        attributes: {
          ...common(plan, 'ai.toolCall'),
          'ai.toolCall.name': tool.name,
          'ai.toolCall.id': tool.callId,
          ...(content ? { 'ai.toolCall.args': tool.arguments, ...(tool.failed ? {} : { 'ai.toolCall.result': JSON.stringify(tool.result) }) } : {}),
        },
      }),
    );
  });
  const inputTokens = plan.calls.reduce((sum, call) => sum + (call.failed ? 0 : call.inputTokens), 0);
  const outputTokens = plan.calls.reduce((sum, call) => sum + (call.failed ? 0 : call.outputTokens), 0);
  const root = traceSpan(plan, random, {
    spanId: rootId,
    name: 'ai.generateText',
    scope,
    startMs: plan.startTimeMs,
    endMs: timeline.endMs,
    ...(plan.failed ? { errorMessage: modelCallError } : {}),
    attributes: {
      ...common(plan, 'ai.generateText'),
      ...modelSettings(plan),
      ...(content ? { 'ai.prompt': JSON.stringify({ system: plan.system, prompt: plan.goal }) } : {}),
      ...(plan.failed ? {} : { 'ai.response.finishReason': 'stop', ...(content ? { 'ai.response.text': plan.answer } : {}), ...usage(inputTokens, outputTokens) }),
    },
  });
  // An exporter sends spans as they end: the children first, the root last.
  return [...spans, root];
}
