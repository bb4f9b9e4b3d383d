// Requests the proxy forwards without recording a step: embeddings and the model list. They still
// go to the cell's endpoint with the real key, and their failures are reported as endpoint errors.
// The simulator has no separate embedding models (every profile embeds), so an embeddings request
// to it is sent with the cell's model, as an agent written for OpenAI names one of OpenAI's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIM_PROVIDER_NAME } from '../../models/index.js';
import type { Exchange, ExchangeHost } from './exchange-host.js';
import type { SentRequest } from './forward-request.js';
import { agentDisconnected, invalidRequest, ProxyError, sendProxyError } from './proxy-error.js';
import { sendUpstream } from './limited-upstream.js';
import { readBody } from './read-body.js';
import { forwardedHeaders } from './relay-headers.js';
import { decodedText, errorMessageOf, sendWhole } from './relay-whole.js';
import { upstreamUrl } from './upstream-endpoint.js';
import { contentEncoding } from './upstream-response.js';

export class PassthroughExchange implements Exchange {
  readonly #host: ExchangeHost;
  readonly #incoming: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #path: string;
  #sent: SentRequest | undefined;
  #abortedBy: ProxyError | undefined;

  constructor(host: ExchangeHost, incoming: IncomingMessage, response: ServerResponse, path: string) {
    this.#host = host;
    this.#incoming = incoming;
    this.#response = response;
    this.#path = path;
  }

  abort(reason: ProxyError): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    this.#sent?.abort(reason);
  }

  async run(): Promise<void> {
    const host = this.#host;
    const method = this.#incoming.method ?? 'GET';
    let body: Buffer | undefined;
    try {
      if (method === 'POST') body = this.#rewritten(await readBody(this.#incoming, host.bodyLimitBytes));
    } catch (error) {
      if (error instanceof ProxyError) sendProxyError(this.#response, error);
      else this.#response.destroy();
      return;
    }
    const url = upstreamUrl(host.endpoint, this.#path);
    this.#sent = sendUpstream(host.upstream, host.options.model, host.endpoint, { method, path: this.#path, headers: forwardedHeaders(this.#incoming, host.endpoint, body !== undefined), body });
    this.#response.on('close', () => {
      if (!this.#response.writableFinished) this.abort(agentDisconnected());
    });
    try {
      const upstream = await this.#sent.response;
      const bytes = await upstream.body.whole();
      sendWhole(this.#response, upstream, bytes);
      const status = upstream.statusCode;
      if (status >= 400) host.recordEndpointError(`${url} answered ${status}: ${errorMessageOf(decodedText(bytes, contentEncoding(upstream.headers)))}`);
    } catch (error) {
      if (this.#abortedBy && error === this.#abortedBy) {
        sendProxyError(this.#response, this.#abortedBy);
        return;
      }
      const failure = error instanceof ProxyError ? error : new ProxyError('AGENTLAB_PROXY_ENDPOINT_UNREACHABLE', 502, `the model endpoint at ${url} cut its answer off: ${(error as Error).message}`, { cause: error });
      host.recordEndpointError(failure.message);
      sendProxyError(this.#response, failure);
    }
  }

  /** The body as forwarded: embeddings to the simulator name the cell's model. */
  #rewritten(body: Buffer): Buffer {
    if (this.#path.split('?')[0] !== '/embeddings' || this.#host.options.model.provider !== SIM_PROVIDER_NAME) return body;
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`, error);
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) throw invalidRequest('The request body must be a JSON object with model and input.');
    return Buffer.from(JSON.stringify({ ...request, model: this.#host.options.model.model }));
  }
}
