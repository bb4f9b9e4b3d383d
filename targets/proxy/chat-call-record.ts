// What a chat completion leaves for the record once the agent has its answer, and the recording
// itself: the model_call step, the tool calls the answer asked for, and the `chat` span. It runs
// deferred (see ExchangeHost.defer), so what waits for it is kept small: the answer's bytes and
// what the record needs, never the exchange with its sockets, streams and parsed headers, which
// would otherwise outlive the call and be copied by the garbage collector.
import type { ModelHandle } from '../../models/index.js';
import { endChatSpan, startChatSpan } from './chat-span.js';
import type { ChatRequest } from './chat-request.js';
import { summarizeCompletion, type CompletionFields, type CompletionSummary } from './completion-summary.js';
import type { ExchangeHost } from './exchange-host.js';
import { modelCallStep } from './model-call-step.js';
import { decodedText, errorMessageOf } from './relay-whole.js';

/** A whole answer as relayed, to be read for the record. */
export interface RelayedAnswer {
  statusCode: number;
  /** Its Content-Encoding, lower case, when the endpoint compressed it. */
  encoding: string | undefined;
  bytes: Buffer;
}

/** How an exchange ended: an answer to read for the record, a summary gathered from a stream, or a failure. */
export interface ChatEnding {
  answer?: RelayedAnswer;
  summary?: CompletionSummary;
  error?: string;
  /** `error.type` of the span: the HTTP status, or what failed. */
  errorType?: string;
}

export interface ChatCall {
  /** The endpoint's URL for the call, as named in errors. */
  url: string;
  /** The model the call went to: the cell's, or one the session serves besides. */
  model: ModelHandle;
  request: ChatRequest;
  receivedAt: number;
  endedAt: number;
  ending: ChatEnding;
}

/** The record of a whole answer: the completion, or the endpoint's error. */
function readAnswer(host: ExchangeHost, url: string, answer: RelayedAnswer): ChatEnding {
  const status = answer.statusCode;
  const text = decodedText(answer.bytes, answer.encoding);
  if (status >= 400 || status < 200) {
    const message = `${url} answered ${status}: ${errorMessageOf(text)}`;
    host.recordEndpointError(message);
    return { error: message, errorType: String(status) };
  }
  try {
    return { summary: summarizeCompletion(JSON.parse(text) as CompletionFields) };
  } catch (error) {
    const message = `${url} answered ${status} with a body that is not JSON: ${(error as Error).message}`;
    host.recordEndpointError(message);
    return { error: message, errorType: 'invalid_response' };
  }
}

export function recordChatCall(host: ExchangeHost, call: ChatCall): void {
  const { request, receivedAt, endedAt } = call;
  const outcome = call.ending.answer ? readAnswer(host, call.url, call.ending.answer) : call.ending;
  const { agent, tracer, parentContext, captureContent } = host.options;
  const { model } = call;
  const step = modelCallStep({ agent, model, request, startedAt: receivedAt, endedAt, ...outcome });
  host.record(step, model);
  if (outcome.error === undefined && outcome.summary) host.pairing.asked(outcome.summary.toolCalls, endedAt);
  if (tracer) {
    const spanSettings = { tracer, parentContext, model, captureContent };
    endChatSpan(startChatSpan(spanSettings, request, receivedAt), spanSettings, step, outcome.errorType, endedAt);
  }
}
