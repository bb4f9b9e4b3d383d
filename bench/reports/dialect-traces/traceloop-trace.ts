// A planned run as Traceloop's node SDK records it (the attributes of the spans
// tracing/stacks/traceloop-0-27.ts and traceloop-0-22.ts get): a `<name>.agent` span from
// `withAgent`, a `<tool>.tool` span per `withTool`, and its OpenAI instrumentation's model call
// spans: `chat <model>` with the current GenAI names and JSON messages in 0.27, `openai.chat` with
// `llm.request.type`, `gen_ai.prompt.<n>.…` and prompt/completion tokens in 0.22. Content is
// traced, as it is by default.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import { messagesBefore, planTimeline, toolDefinitions, type AgentRunPlan, type PlannedModelCall } from './agent-run-plan.js';
import { modelCallError, traceSpan } from './trace-span.js';

export type TraceloopRelease = '0.27' | '0.22';

const sdkScope = '@traceloop/node-server-sdk';
const openAiScope = '@traceloop/instrumentation-openai';

type Message = { role: string; content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; tool_call_id?: string };

/** 0.27: GenAI names, the messages as JSON in the conventions' shape (role and parts). */
function currentModelCall(plan: AgentRunPlan, call: PlannedModelCall, index: number): Record<string, AttributeValue> {
  const parts = (message: Message) =>
    message.tool_calls
      ? message.tool_calls.map((toolCall) => ({ type: 'tool_call', id: toolCall.id, name: toolCall.function.name, arguments: JSON.parse(toolCall.function.arguments) as unknown }))
      : message.role === 'tool'
        ? [{ type: 'tool_call_response', id: message.tool_call_id, response: message.content }]
        : [{ type: 'text', content: message.content }];
  const output: Message = call.toolCall ? { role: 'assistant', tool_calls: [{ id: call.toolCall.callId, function: { name: call.toolCall.name, arguments: call.toolCall.arguments } }] } : { role: 'assistant', content: plan.answer };
  const finishReason = call.toolCall ? 'tool_call' : 'stop';
  return {
    'gen_ai.provider.name': 'openai',
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': plan.model,
    ...(plan.captureContent
      ? {
          'gen_ai.input.messages': JSON.stringify((messagesBefore(plan, index) as Message[]).map((message) => ({ role: message.role, parts: parts(message) }))),
          'gen_ai.tool.definitions': JSON.stringify(toolDefinitions),
        }
      : {}),
    'traceloop.workflow.name': plan.agentName,
    'gen_ai.agent.name': plan.agentName,
    ...(call.failed
      ? {}
      : {
          'gen_ai.response.model': plan.model,
          'gen_ai.response.id': call.responseId,
          'gen_ai.usage.total_tokens': call.inputTokens + call.outputTokens,
          'gen_ai.usage.output_tokens': call.outputTokens,
          'gen_ai.usage.input_tokens': call.inputTokens,
          'gen_ai.response.finish_reasons': [finishReason],
          ...(plan.captureContent ? { 'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', finish_reason: finishReason, parts: parts(output) }]) } : {}),
        }),
  };
}

/** 0.22: the older names, the prompt and completion flattened into `gen_ai.prompt.<n>.…`. */
function olderModelCall(plan: AgentRunPlan, call: PlannedModelCall, index: number): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = { 'gen_ai.system': 'OpenAI', 'llm.request.type': 'chat', 'gen_ai.request.model': plan.model };
  if (plan.captureContent) {
    (messagesBefore(plan, index) as Message[]).forEach((message, messageIndex) => {
      attributes[`gen_ai.prompt.${messageIndex}.role`] = message.role;
      attributes[`gen_ai.prompt.${messageIndex}.content`] = message.content ?? 'null';
    });
    toolDefinitions.forEach((tool, toolIndex) => {
      const { name, description, parameters } = (tool as { function: { name: string; description: string; parameters: object } }).function;
      attributes[`llm.request.functions.${toolIndex}.name`] = name;
      attributes[`llm.request.functions.${toolIndex}.description`] = description;
      attributes[`llm.request.functions.${toolIndex}.arguments`] = JSON.stringify(parameters);
    });
  }
  attributes['traceloop.workflow.name'] = plan.agentName;
  attributes['gen_ai.agent.name'] = plan.agentName;
  if (call.failed) return attributes;
  attributes['gen_ai.response.model'] = plan.model;
  attributes['llm.usage.total_tokens'] = call.inputTokens + call.outputTokens;
  attributes['gen_ai.usage.completion_tokens'] = call.outputTokens;
  attributes['gen_ai.usage.prompt_tokens'] = call.inputTokens;
  attributes['gen_ai.completion.0.finish_reason'] = call.toolCall ? 'tool_calls' : 'stop';
  attributes['gen_ai.completion.0.role'] = 'assistant';
  if (plan.captureContent) {
    attributes['gen_ai.completion.0.content'] = call.toolCall ? '' : plan.answer;
    if (call.toolCall) {
      attributes['gen_ai.completion.0.tool_calls.0.name'] = call.toolCall.name;
      attributes['gen_ai.completion.0.tool_calls.0.arguments'] = call.toolCall.arguments;
    }
  }
  return attributes;
}

export function traceloopTrace(plan: AgentRunPlan, random: RandomSource, release: TraceloopRelease): SpanRecord[] {
  const timeline = planTimeline(plan);
  const rootId = random.hex(8);
  const content = plan.captureContent;
  const entity = { 'traceloop.workflow.name': plan.agentName, 'traceloop.entity.path': '', 'gen_ai.agent.name': plan.agentName };
  const spans: SpanRecord[] = [];
  plan.calls.forEach((call, index) => {
    const times = timeline.calls[index]!;
    spans.push(
      traceSpan(plan, random, {
        name: release === '0.27' ? `chat ${plan.model}` : 'openai.chat',
        kind: 'client',
        scope: openAiScope,
        parentSpanId: rootId,
        startMs: times.startMs,
        endMs: times.endMs,
        ...(call.failed ? { errorMessage: modelCallError } : {}),
        attributes: release === '0.27' ? currentModelCall(plan, call, index) : olderModelCall(plan, call, index),
      }),
    );
    const tool = call.toolCall;
    if (!tool || !times.tool) return;
    spans.push(
      traceSpan(plan, random, {
        name: `${tool.name}.tool`,
        scope: sdkScope,
        parentSpanId: rootId,
        startMs: times.tool.startMs,
        endMs: times.tool.endMs,
        ...(tool.failed ? { errorMessage: tool.result } : {}),
        attributes: {
          ...entity,
          'traceloop.entity.name': tool.name,
          'traceloop.span.kind': 'tool',
          ...(content ? { 'traceloop.entity.input': JSON.stringify({ args: [], kwargs: JSON.parse(tool.arguments) as unknown }), ...(tool.failed ? {} : { 'traceloop.entity.output': JSON.stringify(tool.result) }) } : {}),
        },
      }),
    );
  });
  const root = traceSpan(plan, random, {
    spanId: rootId,
    name: `${plan.agentName}.agent`,
    scope: sdkScope,
    startMs: plan.startTimeMs,
    endMs: timeline.endMs,
    ...(plan.failed ? { errorMessage: modelCallError } : {}),
    attributes: {
      ...entity,
      'traceloop.entity.name': plan.agentName,
      'traceloop.span.kind': 'agent',
      ...(content ? { 'traceloop.entity.input': JSON.stringify({ args: [plan.goal], kwargs: {} }), ...(plan.failed ? {} : { 'traceloop.entity.output': JSON.stringify(plan.answer) }) } : {}),
    },
  });
  return [...spans, root];
}
