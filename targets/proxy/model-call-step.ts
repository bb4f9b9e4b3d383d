// The model_call step of one proxied chat completion, shaped as agentlab's own agents record theirs
// (agents/core/call-model.ts), so scorers and reports read a user's agent the same way.
import type { ModelCallStep } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';
import type { ChatRequest } from './chat-request.js';
import type { CompletionSummary } from './completion-summary.js';

export interface ModelCallRecord {
  agent: string;
  model: ModelHandle;
  request: ChatRequest;
  startedAt: number;
  endedAt: number;
  /** What the model answered; absent when no answer came. */
  summary?: CompletionSummary;
  error?: string;
}

export function modelCallStep(record: ModelCallRecord): ModelCallStep {
  const { summary } = record;
  return {
    type: 'model_call',
    agent: record.agent,
    model: record.model.model,
    provider: record.model.provider,
    inputTokens: summary?.inputTokens ?? 0,
    outputTokens: summary?.outputTokens ?? 0,
    latencyMs: record.endedAt - record.startedAt,
    finishReason: summary?.finishReason ?? null,
    // The proxy forwards each request once; an agent's retries arrive as requests of their own.
    attempts: 1,
    ...(summary?.id ? { responseId: summary.id } : {}),
    ...(summary?.model ? { responseModel: summary.model } : {}),
    temperature: record.request.temperature,
    content: summary?.content ?? null,
    toolCalls: summary?.toolCalls ?? [],
    ...(record.error === undefined ? {} : { error: record.error }),
    startedAt: record.startedAt,
  };
}
