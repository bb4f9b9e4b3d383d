// `execute_tool {tool}` spans for tool calls the proxy paired from the conversation and the agent
// did not report itself: the trace waterfall shows tools as spans, and an agent that sends no
// traces would otherwise show only its model calls. The interval is the inferred one, from the
// reply that asked for the call to the request that carried its result.
import { SpanKind, SpanStatusCode, type Context, type Tracer } from '@opentelemetry/api';
import type { ToolCallStep } from '../../agents/index.js';
import { capCapturedContent, GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName } from '../../tracing/index.js';
import { toolSpanSourceAttribute, toolSpanSourceValue } from './constants.js';

export function emitToolSpan(tracer: Tracer, parentContext: Context | undefined, step: ToolCallStep, captureContent: boolean): void {
  const span = tracer.startSpan(
    genAiSpanName(GenAiOperation.executeTool, step.tool),
    {
      kind: SpanKind.INTERNAL,
      startTime: step.startedAt,
      attributes: {
        [GenAiAttribute.operationName]: GenAiOperation.executeTool,
        [GenAiAttribute.toolName]: step.tool,
        [GenAiAttribute.toolType]: 'function',
        [GenAiAttribute.toolCallId]: step.callId,
        [toolSpanSourceAttribute]: toolSpanSourceValue,
        ...(captureContent ? { [GenAiAttribute.toolCallArguments]: capCapturedContent(step.arguments), [GenAiAttribute.toolCallResult]: capCapturedContent(step.result) } : {}),
      },
    },
    parentContext,
  );
  if (!step.ok) {
    span.setAttribute(GeneralAttribute.errorType, step.errorCode ?? 'tool_error');
    span.setStatus({ code: SpanStatusCode.ERROR, message: step.result });
  }
  span.end(step.startedAt + step.latencyMs);
}
