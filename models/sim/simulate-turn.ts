// One model turn: reads the request, decides (tool call, answer, structured object, the summary a
// working-memory request asks for, or the rating of an answer), applies the profile's behavioural
// faults, honours max_tokens, and counts usage with the tokenizer.
import { decode, encode } from 'gpt-tokenizer';
import { applyBehaviourFaults, structuredOutputFault, type BehaviourFault } from './behaviour-faults.js';
import type { ConversationView } from './conversation.js';
import { decideNextAction } from './policy/next-action.js';
import { isRatingRequest, rateAnswer } from './policy/rate-answer.js';
import { structuredOutput } from './policy/structured-output.js';
import { isSummaryRequest, summariseConversation } from './policy/summarise-conversation.js';
import type { SimProfile } from './profile.js';
import type { ChatCompletionRequest } from './request-schema.js';
import { deterministicId } from './seeded-random.js';
import { countCompletionTokens, countPromptTokens, usageOf, type CompletionUsage } from './token-usage.js';

export interface SimulatedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface SimulatedTurn {
  id: string;
  created: number;
  model: string;
  step: number;
  content: string | null;
  toolCalls: SimulatedToolCall[];
  finishReason: 'stop' | 'tool_calls' | 'length';
  usage: CompletionUsage;
  fault?: BehaviourFault;
}

/** A fixed clock for seeded requests, so the whole body repeats; the wall clock otherwise. */
const seededEpochSeconds = 1_735_689_600;

function truncateToTokens(text: string, limit: number): string {
  return decode(encode(text).slice(0, limit));
}

/** Where the request stands, read once per request by the route: the conversation and a hash of the body. */
export interface ReadRequest {
  view: ConversationView;
  requestHash: number;
  /** The request's prompt tokens when already counted; counted here otherwise. */
  promptTokens?: number;
}

export function simulateTurn(request: ChatCompletionRequest, profile: SimProfile, { view, requestHash, promptTokens }: ReadRequest, now: () => number = Date.now): SimulatedTurn {
  const seed = request.seed ?? 0;
  const tools = request.tools ?? [];
  const faultContext = { view, tools, rates: profile.behaviour, seed };

  let content: string | null = null;
  let toolCalls: SimulatedToolCall[] = [];
  let fault: BehaviourFault | undefined;
  const format = request.response_format;
  if (isSummaryRequest(view)) {
    // A summary is text whatever tools are offered, and the profile's slips do not touch it.
    content = summariseConversation(view, request.messages, request.max_completion_tokens ?? request.max_tokens ?? undefined);
  } else if (format?.type === 'json_schema' && isRatingRequest(format.json_schema.name)) {
    // A rating of an answer (agents/confidence): the rater's own judgement, noisier on sloppier profiles.
    content = JSON.stringify(rateAnswer(request.messages, seed, profile.behaviour));
  } else if (format?.type === 'json_schema') {
    const value = structuredOutput(format.json_schema.name, format.json_schema.schema ?? { type: 'object' }, view, request.messages, tools);
    ({ content, fault } = structuredOutputFault(JSON.stringify(value), faultContext));
  } else {
    const { decision: intended, state } = decideNextAction(view, tools, request.tool_choice);
    const { decision, fault: injected } = request.tool_choice === 'none' ? { decision: intended, fault: undefined } : applyBehaviourFaults(intended, { ...faultContext, state });
    fault = injected;
    if (decision.kind === 'answer') {
      content = format?.type === 'json_object' ? JSON.stringify({ answer: decision.content }) : decision.content;
    } else {
      toolCalls = [{ id: deterministicId('call_', seed, requestHash, view.step), name: decision.name, arguments: decision.argumentsText }];
    }
  }

  let finishReason: SimulatedTurn['finishReason'] = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const limit = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (limit !== undefined && countCompletionTokens(content, toolCalls) > limit) {
    finishReason = 'length';
    if (content !== null) content = truncateToTokens(content, limit);
    toolCalls = toolCalls.map((call) => ({ ...call, arguments: truncateToTokens(call.arguments, Math.max(0, limit - encode(call.name).length)) }));
  }

  return {
    id: deterministicId('chatcmpl-', seed, requestHash),
    created: request.seed === undefined || request.seed === null ? Math.floor(now() / 1000) : seededEpochSeconds + view.step,
    model: request.model,
    step: view.step,
    content,
    toolCalls,
    finishReason,
    usage: usageOf(promptTokens ?? countPromptTokens(request), countCompletionTokens(content, toolCalls)),
    ...(fault ? { fault } : {}),
  };
}

export const systemFingerprint = 'fp_agentlab_sim';

/** The non-streaming response body, in OpenAI's chat.completion shape. */
export function toChatCompletion(turn: SimulatedTurn): Record<string, unknown> {
  return {
    id: turn.id,
    object: 'chat.completion',
    created: turn.created,
    model: turn.model,
    system_fingerprint: systemFingerprint,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.content,
          refusal: null,
          annotations: [],
          ...(turn.toolCalls.length > 0
            ? { tool_calls: turn.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) }
            : {}),
        },
        logprobs: null,
        finish_reason: turn.finishReason,
      },
    ],
    usage: turn.usage,
    service_tier: 'default',
  };
}
