// A planned run as an OpenInference-instrumented `openai` client records it (the attributes of the
// spans tracing/stacks/openinference-openai.ts gets): an AGENT span from openinference-core's
// `traceAgent`, an `OpenAI Chat Completions` LLM span per model call with the request, the
// response and the messages flattened into `llm.input_messages.<n>.…`, and a TOOL span per tool
// call from `traceTool`. Inputs and outputs are recorded, as they are by default.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import { messagesBefore, planTimeline, toolDefinitions, type AgentRunPlan, type PlannedModelCall } from './agent-run-plan.js';
import { modelCallError, traceSpan } from './trace-span.js';

const coreScope = 'openinference-core';
const openAiScope = '@arizeai/openinference-instrumentation-openai';

/** The chat as OpenInference flattens it: `llm.input_messages.0.message.role`, `…content`, `…tool_calls.0.tool_call.id`. */
function flattenedMessages(prefix: string, messages: readonly object[]): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  messages.forEach((message, index) => {
    const { role, content, tool_calls: toolCalls, tool_call_id: toolCallId } = message as { role: string; content?: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; tool_call_id?: string };
    const at = `${prefix}.${index}.message`;
    attributes[`${at}.role`] = role;
    if (content) attributes[`${at}.content`] = content;
    toolCalls?.forEach((call, callIndex) => {
      attributes[`${at}.tool_calls.${callIndex}.tool_call.id`] = call.id;
      attributes[`${at}.tool_calls.${callIndex}.tool_call.function.name`] = call.function.name;
      attributes[`${at}.tool_calls.${callIndex}.tool_call.function.arguments`] = call.function.arguments;
    });
    if (toolCallId) attributes[`${at}.tool_call_id`] = toolCallId;
  });
  return attributes;
}

function llmContent(plan: AgentRunPlan, call: PlannedModelCall, index: number): Record<string, AttributeValue> {
  const messages = messagesBefore(plan, index);
  const request = { model: plan.model, messages, tools: toolDefinitions, tool_choice: 'auto' };
  const output = call.toolCall
    ? { role: 'assistant', content: null, tool_calls: [{ id: call.toolCall.callId, type: 'function', function: { name: call.toolCall.name, arguments: call.toolCall.arguments } }] }
    : { role: 'assistant', content: plan.answer };
  const tools: Record<string, AttributeValue> = {};
  toolDefinitions.forEach((tool, toolIndex) => (tools[`llm.tools.${toolIndex}.tool.json_schema`] = JSON.stringify(tool)));
  return {
    'input.value': JSON.stringify(request),
    'input.mime_type': 'application/json',
    'llm.invocation_parameters': JSON.stringify({ model: plan.model, tools: toolDefinitions, tool_choice: 'auto' }),
    ...flattenedMessages('llm.input_messages', messages),
    ...tools,
    ...(call.failed
      ? {}
      : {
          'output.value': JSON.stringify({ id: call.responseId, object: 'chat.completion', model: plan.model, choices: [{ index: 0, message: output, finish_reason: call.toolCall ? 'tool_calls' : 'stop' }] }),
          'output.mime_type': 'application/json',
          ...flattenedMessages('llm.output_messages', [output]),
        }),
  };
}

export function openInferenceTrace(plan: AgentRunPlan, random: RandomSource): SpanRecord[] {
  const timeline = planTimeline(plan);
  const rootId = random.hex(8);
  const content = plan.captureContent;
  const spans: SpanRecord[] = [];
  plan.calls.forEach((call, index) => {
    const times = timeline.calls[index]!;
    spans.push(
      traceSpan(plan, random, {
        name: 'OpenAI Chat Completions',
        scope: openAiScope,
        parentSpanId: rootId,
        startMs: times.startMs,
        endMs: times.endMs,
        ...(call.failed ? { errorMessage: modelCallError } : { ok: true }),
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': plan.model,
          'llm.system': 'openai',
          ...(content ? llmContent(plan, call, index) : {}),
          ...(call.failed
            ? {}
            : {
                'llm.finish_reason': call.toolCall ? 'tool_calls' : 'stop',
                'llm.token_count.completion': call.outputTokens,
                'llm.token_count.prompt': call.inputTokens,
                'llm.token_count.total': call.inputTokens + call.outputTokens,
                'llm.token_count.prompt_details.cache_read': 0,
                'llm.token_count.completion_details.reasoning': 0,
              }),
        },
      }),
    );
    const tool = call.toolCall;
    if (!tool || !times.tool) return;
    spans.push(
      traceSpan(plan, random, {
        name: tool.name,
        scope: coreScope,
        parentSpanId: rootId,
        startMs: times.tool.startMs,
        endMs: times.tool.endMs,
        ...(tool.failed ? { errorMessage: tool.result } : { ok: true }),
        attributes: {
          'tool.name': tool.name,
          'tool.description': `The ${tool.name.replace('_', ' ')} tool.`,
          'tool.id': tool.callId,
          'openinference.span.kind': 'TOOL',
          ...(content
            ? { 'tool.parameters': '{"type":"object","properties":{},"additionalProperties":true}', 'input.value': tool.arguments, 'input.mime_type': 'application/json', ...(tool.failed ? {} : { 'output.value': tool.result, 'output.mime_type': 'text/plain' }) }
            : {}),
        },
      }),
    );
  });
  const root = traceSpan(plan, random, {
    spanId: rootId,
    name: plan.agentName,
    scope: coreScope,
    startMs: plan.startTimeMs,
    endMs: timeline.endMs,
    ...(plan.failed ? { errorMessage: modelCallError } : { ok: true }),
    attributes: {
      'openinference.span.kind': 'AGENT',
      ...(content ? { 'input.value': plan.goal, 'input.mime_type': 'text/plain', ...(plan.failed ? {} : { 'output.value': plan.answer, 'output.mime_type': 'text/plain' }) } : {}),
    },
  });
  return [...spans, root];
}
