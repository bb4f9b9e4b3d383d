// The `chat {model}` span of a proxied model call, with the GenAI attributes agentlab's own agents
// give theirs (agents/core/run-tracing.ts), so a user's agent seen through the proxy shows in the
// trace waterfall, the cost page and the summaries as a built-in one does.
import { context, SpanKind, SpanStatusCode, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { chatResultAttributes, type ModelCallStep } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';
import { GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName, inputMessagesAttribute, outputMessagesAttribute } from '../../tracing/index.js';
import type { ChatRequest } from './chat-request.js';

export interface ChatSpanSettings {
  tracer: Tracer;
  parentContext: Context | undefined;
  model: ModelHandle;
  captureContent: boolean;
}


/** Starts the span at `startTime` (epoch milliseconds): spans are made after the call, from its record. */
export function startChatSpan(settings: ChatSpanSettings, request: ChatRequest, startTime: number): Span {
  const { model } = settings;
  const span = settings.tracer.startSpan(genAiSpanName(GenAiOperation.chat, model.model), { kind: SpanKind.CLIENT, startTime }, settings.parentContext ?? context.active());
  if (!span.isRecording()) return span;
  span.setAttributes({
    [GenAiAttribute.operationName]: GenAiOperation.chat,
    [GenAiAttribute.providerName]: model.provider,
    [GenAiAttribute.requestModel]: model.model,
    [GenAiAttribute.requestTemperature]: request.temperature,
    ...(request.seed === undefined ? {} : { [GenAiAttribute.requestSeed]: request.seed }),
    [GenAiAttribute.outputType]: request.outputType,
    ...(model.serverAddress ? { [GeneralAttribute.serverAddress]: model.serverAddress } : {}),
    ...(model.serverPort ? { [GeneralAttribute.serverPort]: model.serverPort } : {}),
  });
  if (settings.captureContent) span.setAttribute(GenAiAttribute.inputMessages, inputMessagesAttribute(request.messages));
  return span;
}

/** Ends the span with what the call returned; `errorType` is the HTTP status or what failed, for a failed call. */
export function endChatSpan(span: Span, settings: ChatSpanSettings, step: ModelCallStep, errorType: string | undefined, endTime: number): void {
  if (span.isRecording()) {
    span.setAttributes(chatResultAttributes(step, settings.model.prices));
    if (step.error === undefined) {
      if (settings.captureContent) span.setAttribute(GenAiAttribute.outputMessages, outputMessagesAttribute(step));
    } else {
      span.setAttribute(GeneralAttribute.errorType, errorType ?? 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: step.error });
      span.recordException(new Error(step.error));
    }
  }
  span.end(endTime);
}
