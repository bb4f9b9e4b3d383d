// One chat completion through the proxy: the agent's request rewritten for the cell's model, its
// tool results paired with the calls the model asked for earlier, the endpoint's answer relayed
// (whole, or event by event when streamed) and recorded as a model_call step and a `chat` span.
// Only the rewrite stands between the agent and the endpoint: pairing happens while the endpoint
// works on the request, and the answer is read for the record after the agent has it (deferred,
// in chat-call-record.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordChatCall, type ChatCall, type ChatEnding } from './chat-call-record.js';
import { prepareChatRequest, type ChatRequest } from './chat-request.js';
import type { Exchange, ExchangeHost } from './exchange-host.js';
import type { SentRequest } from './forward-request.js';
import type { ModelRoute } from './model-route.js';
import { agentDisconnected, ProxyError, sendProxyError } from './proxy-error.js';
import { readBody } from './read-body.js';
import { sendUpstream } from './limited-upstream.js';
import { EventStreamRelay } from './relay-event-stream.js';
import { forwardedHeaders } from './relay-headers.js';
import { sendWhole } from './relay-whole.js';
import { upstreamUrl } from './upstream-endpoint.js';
import { contentEncoding, headerValue, type UpstreamResponse } from './upstream-response.js';

function isEventStream(upstream: UpstreamResponse): boolean {
  return headerValue(upstream.headers, 'content-type')?.includes('text/event-stream') ?? false;
}

export class ChatExchange implements Exchange {
  readonly #host: ExchangeHost;
  readonly #incoming: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #path: string;
  #route: ModelRoute;
  #url: string;
  readonly #receivedAt: number;
  #sent: SentRequest | undefined;
  #relay: EventStreamRelay | undefined;
  #abortedBy: ProxyError | undefined;
  #pairing: NodeJS.Immediate | undefined;

  constructor(host: ExchangeHost, incoming: IncomingMessage, response: ServerResponse, path: string) {
    this.#host = host;
    this.#incoming = incoming;
    this.#response = response;
    this.#path = path;
    this.#route = host.route(undefined);
    this.#url = upstreamUrl(this.#route.endpoint, path);
    this.#receivedAt = host.now();
  }

  abort(reason: ProxyError): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    if (this.#relay) this.#relay.abort({ message: reason.message, errorType: reason.code, byEndpoint: false });
    else this.#sent?.abort(reason);
  }

  async run(): Promise<void> {
    const host = this.#host;
    let request: ChatRequest;
    try {
      const body = await readBody(this.#incoming, host.bodyLimitBytes);
      request = prepareChatRequest(body, (requested) => (this.#route = host.route(requested)).model.model, host.options.seed);
      this.#url = upstreamUrl(this.#route.endpoint, this.#path);
    } catch (error) {
      if (error instanceof ProxyError) sendProxyError(this.#response, error);
      else this.#response.destroy();
      return;
    }
    const ending = await this.#forward(request);
    const endedAt = host.now();
    // This call is recorded after the results its request carried were paired: an exchange that
    // failed at once ends before its pairing's turn came.
    if (this.#pairing) {
      clearImmediate(this.#pairing);
      this.#pair(request);
    }
    const call: ChatCall = { url: this.#url, model: this.#route.model, request, receivedAt: this.#receivedAt, endedAt, ending };
    host.defer(() => recordChatCall(host, call));
  }

  /** What earlier answers asked for, then the results this request carries. */
  #pair(request: ChatRequest): void {
    this.#pairing = undefined;
    const host = this.#host;
    host.runDeferred();
    for (const step of host.pairing.answered(request.messages, this.#receivedAt)) host.record(step);
  }

  async #forward(request: ChatRequest): Promise<ChatEnding> {
    const host = this.#host;
    const { endpoint } = this.#route;
    this.#sent = sendUpstream(host.upstream, this.#route.model, endpoint, { method: 'POST', path: this.#path, headers: forwardedHeaders(this.#incoming, endpoint, true), body: request.body });
    this.#response.on('close', () => {
      if (!this.#response.writableFinished) this.abort(agentDisconnected());
    });
    // Recorded while the endpoint works: undici writes a request on a kept-alive connection from an
    // immediate of its own (it first lets the connection report a close that came while it was
    // idle), and this one, queued after it, runs once the request is on its way.
    this.#pairing = setImmediate(() => this.#pair(request));
    let upstream: UpstreamResponse;
    try {
      upstream = await this.#sent.response;
    } catch (error) {
      const failure = error as ProxyError;
      if (failure !== this.#abortedBy) host.recordEndpointError(failure.message);
      sendProxyError(this.#response, failure);
      return { error: failure.message, errorType: failure.code };
    }
    if (request.stream && upstream.statusCode < 300 && isEventStream(upstream)) return this.#relayStream(upstream, request);
    let bytes: Buffer;
    try {
      bytes = await upstream.body.whole();
    } catch (error) {
      const message = this.#abortedBy ? this.#abortedBy.message : `the model endpoint at ${this.#url} cut its answer off: ${(error as Error).message}`;
      if (this.#abortedBy) sendProxyError(this.#response, this.#abortedBy);
      else {
        host.recordEndpointError(message);
        this.#response.destroy();
      }
      return { error: message, errorType: this.#abortedBy?.code ?? 'response_cut_off' };
    }
    if (!this.#response.destroyed) sendWhole(this.#response, upstream, bytes);
    return { answer: { statusCode: upstream.statusCode, encoding: contentEncoding(upstream.headers), bytes } };
  }

  async #relayStream(upstream: UpstreamResponse, request: ChatRequest): Promise<ChatEnding> {
    this.#relay = new EventStreamRelay(upstream, this.#response, { hideUsage: request.hideUsage, url: this.#url });
    const { summary, failure } = await this.#relay.done;
    if (!failure) return { summary };
    if (failure.byEndpoint) this.#host.recordEndpointError(failure.message);
    return { summary, error: failure.message, errorType: failure.errorType };
  }
}
