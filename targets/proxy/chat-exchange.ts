// One chat completion through the proxy: the agent's request rewritten for the cell's model, its
// tool results paired with the calls the model asked for earlier, the endpoint's answer relayed
// (whole, or event by event when streamed) and recorded as a model_call step and a `chat` span.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { prepareChatRequest, type ChatRequest } from './chat-request.js';
import { endChatSpan, startChatSpan, type ChatSpanSettings } from './chat-span.js';
import { summarizeCompletion, type CompletionFields, type CompletionSummary } from './completion-summary.js';
import type { Exchange, ExchangeHost } from './exchange-host.js';
import type { SentRequest } from './forward-request.js';
import { modelCallStep } from './model-call-step.js';
import { agentDisconnected, ProxyError, sendProxyError } from './proxy-error.js';
import { readBody } from './read-body.js';
import { EventStreamRelay, type StreamFailure } from './relay-event-stream.js';
import { forwardedHeaders } from './relay-headers.js';
import { decodedText, errorMessageOf, readWhole, sendWhole } from './relay-whole.js';
import { upstreamUrl } from './upstream-endpoint.js';

interface Ending {
  summary?: CompletionSummary;
  error?: string;
  /** `error.type` of the span: the HTTP status, or what failed. */
  errorType?: string;
}

function isEventStream(upstream: IncomingMessage): boolean {
  return upstream.headers['content-type']?.includes('text/event-stream') ?? false;
}

export class ChatExchange implements Exchange {
  readonly #host: ExchangeHost;
  readonly #incoming: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #path: string;
  readonly #receivedAt: number;
  #sent: SentRequest | undefined;
  #upstreamResponse: IncomingMessage | undefined;
  #relay: EventStreamRelay | undefined;
  #abortedBy: ProxyError | undefined;

  constructor(host: ExchangeHost, incoming: IncomingMessage, response: ServerResponse, path: string) {
    this.#host = host;
    this.#incoming = incoming;
    this.#response = response;
    this.#path = path;
    this.#receivedAt = host.now();
  }

  abort(reason: ProxyError): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    if (this.#relay) this.#relay.abort({ message: reason.message, errorType: reason.code, byEndpoint: false });
    else if (this.#upstreamResponse) this.#upstreamResponse.destroy(reason);
    else this.#sent?.request.destroy(reason);
  }

  async run(): Promise<void> {
    const host = this.#host;
    let request: ChatRequest;
    try {
      request = prepareChatRequest(await readBody(this.#incoming, host.bodyLimitBytes), host.options.model.model, host.options.seed);
    } catch (error) {
      if (error instanceof ProxyError) sendProxyError(this.#response, error);
      else this.#response.destroy();
      return;
    }
    for (const step of host.pairing.answered(request.messages, this.#receivedAt)) host.record(step);
    const spanSettings = this.#spanSettings();
    const span = spanSettings ? startChatSpan(spanSettings, request) : undefined;
    const ending = await this.#forward(request);
    const endedAt = host.now();
    const step = modelCallStep({ agent: host.options.agent, model: host.options.model, request, startedAt: this.#receivedAt, endedAt, ...ending });
    host.record(step);
    if (ending.error === undefined && ending.summary) host.pairing.asked(ending.summary.toolCalls, endedAt);
    if (span && spanSettings) endChatSpan(span, spanSettings, step, ending.errorType);
  }

  #spanSettings(): ChatSpanSettings | undefined {
    const { tracer, parentContext, model, captureContent } = this.#host.options;
    return tracer ? { tracer, parentContext, model, captureContent } : undefined;
  }

  async #forward(request: ChatRequest): Promise<Ending> {
    const host = this.#host;
    const url = upstreamUrl(host.endpoint, this.#path);
    const body = Buffer.from(request.body);
    this.#sent = host.upstream.send(host.endpoint, { method: 'POST', path: this.#path, headers: forwardedHeaders(this.#incoming, host.endpoint, body.length), body });
    const onAgentGone = () => {
      if (!this.#response.writableFinished) this.abort(agentDisconnected());
    };
    this.#response.once('close', onAgentGone);
    let upstream: IncomingMessage;
    try {
      upstream = await this.#sent.response;
    } catch (error) {
      const failure = error as ProxyError;
      if (failure !== this.#abortedBy) host.recordEndpointError(failure.message);
      sendProxyError(this.#response, failure);
      return { error: failure.message, errorType: failure.code };
    }
    this.#upstreamResponse = upstream;
    const status = upstream.statusCode ?? 502;
    if (request.stream && status < 300 && isEventStream(upstream)) return this.#relayStream(upstream, request, url);
    let bytes: Buffer;
    try {
      bytes = await readWhole(upstream);
    } catch (error) {
      const reason = this.#abortedBy ?? error;
      const message = this.#abortedBy ? this.#abortedBy.message : `the model endpoint at ${url} cut its answer off: ${(error as Error).message}`;
      if (!this.#abortedBy) host.recordEndpointError(message);
      if (reason instanceof ProxyError) sendProxyError(this.#response, reason);
      else this.#response.destroy();
      return { error: message, errorType: this.#abortedBy?.code ?? 'response_cut_off' };
    }
    if (!this.#response.destroyed) sendWhole(this.#response, upstream, bytes);
    const text = decodedText(upstream, bytes);
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

  async #relayStream(upstream: IncomingMessage, request: ChatRequest, url: string): Promise<Ending> {
    this.#relay = new EventStreamRelay(upstream, this.#response, { hideUsage: request.hideUsage, url });
    const { summary, failure } = await this.#relay.done;
    if (!failure) return { summary };
    return this.#failed(summary, failure);
  }

  #failed(summary: CompletionSummary, failure: StreamFailure): Ending {
    if (failure.byEndpoint) this.#host.recordEndpointError(failure.message);
    return { summary, error: failure.message, errorType: failure.errorType };
  }
}
