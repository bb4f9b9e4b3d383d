// Sends a request on to the model endpoint over node:http(s) with kept-alive connections: the
// proxy's share of a model call's time is mostly this hop, so it reuses sockets and nothing else
// (no fetch, no WHATWG streams) stands between the agent's bytes and the endpoint's.
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { endpointUnreachable, ProxyError } from './proxy-error.js';
import { upstreamUrl, type UpstreamEndpoint } from './upstream-endpoint.js';

export interface ForwardedRequest {
  method: string;
  /** Below the endpoint's base URL, query included: `/chat/completions`. */
  path: string;
  headers: OutgoingHttpHeaders;
  body: string | Buffer | undefined;
}

export interface SentRequest {
  /** Destroy it (with a ProxyError as the reason) to abort the call. */
  request: ClientRequest;
  /** The endpoint's response head, or a ProxyError: unreachable, or the reason it was aborted. */
  response: Promise<IncomingMessage>;
}

export class Upstream {
  readonly #agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };

  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
    let resolveResponse!: (response: IncomingMessage) => void;
    let rejectResponse!: (error: ProxyError) => void;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      resolveResponse = resolve;
      rejectResponse = reject;
    });
    // Settled before anyone awaits it when the first send fails at once.
    response.catch(() => undefined);
    const sent: SentRequest = { request: this.#request(endpoint, forwarded, false, resolveResponse, rejectResponse, (retry) => (sent.request = retry)), response };
    return sent;
  }

  close(): void {
    this.#agents['http:'].destroy();
    this.#agents['https:'].destroy();
  }

  #request(
    endpoint: UpstreamEndpoint,
    forwarded: ForwardedRequest,
    isRetry: boolean,
    resolve: (response: IncomingMessage) => void,
    reject: (error: ProxyError) => void,
    onRetry: (request: ClientRequest) => void,
  ): ClientRequest {
    const transport = endpoint.protocol === 'https:' ? https : http;
    let responded = false;
    const request = transport.request(
      {
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port,
        path: `${endpoint.basePath}${forwarded.path}`,
        method: forwarded.method,
        headers: forwarded.headers,
        agent: this.#agents[endpoint.protocol],
      },
      (response) => {
        responded = true;
        resolve(response);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // Once the response has begun, a failure is the response's and its reader handles it.
      if (responded) return;
      if (error instanceof ProxyError) {
        reject(error);
        return;
      }
      // A kept-alive socket the endpoint closed while idle fails on reuse; Node's documentation
      // recommends sending again, once, on a fresh socket.
      if (!isRetry && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        onRetry(this.#request(endpoint, forwarded, true, resolve, reject, onRetry));
        return;
      }
      reject(endpointUnreachable(upstreamUrl(endpoint, forwarded.path), error));
    });
    request.end(forwarded.body);
    return request;
  }
}
