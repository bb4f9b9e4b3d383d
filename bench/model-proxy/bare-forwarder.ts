// A measuring device, not a proxy: the least a forwarding hop can do (read the request, send it on
// with the endpoint's key over a kept-alive connection, send the answer back whole), no parsing, no
// checks, no recording. Its overhead, measured beside the proxy's, is the floor the proxy's figure
// stands on with this machine, Node and client: node:http's client, or undici's Pool with
// dispatch() as the proxy uses it.
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

export type ForwarderClient = 'node:http' | 'undici';

export interface BareForwarder {
  baseURL: string;
  close(): Promise<void>;
}

interface Hop {
  forward(method: string, path: string, body: Buffer, response: ServerResponse): void;
  close(): Promise<void>;
}

function sendBack(response: ServerResponse, status: number, contentType: string | undefined, parts: Buffer[]): void {
  const bytes = Buffer.concat(parts);
  response.writeHead(status, { 'content-type': contentType ?? 'application/json', 'content-length': bytes.length });
  response.end(bytes);
}

function nodeHttpHop(endpoint: URL, apiKey: string): Hop {
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  return {
    forward(method, path, body, response) {
      const forwarded = httpRequest(
        {
          hostname: endpoint.hostname,
          port: endpoint.port,
          path,
          method,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${apiKey}` },
          agent,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => sendBack(response, answer.statusCode ?? 502, answer.headers['content-type'], parts));
        },
      );
      forwarded.end(body);
    },
    close: async () => agent.destroy(),
  };
}

/** Gathers the answer for sendBack through undici's dispatch(), as the proxy forwards: no stream per answer. */
class GatheringHandler implements Dispatcher.DispatchHandler {
  readonly #response: ServerResponse;
  readonly #parts: Buffer[] = [];
  #status = 502;
  #contentType: string | undefined;

  constructor(response: ServerResponse) {
    this.#response = response;
  }

  // undici takes a handler for this API by this method, even one with nothing to do on a start.
  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.#status = statusCode;
    this.#contentType = headers['content-type'];
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#parts.push(chunk);
  }

  onResponseEnd(): void {
    sendBack(this.#response, this.#status, this.#contentType, this.#parts);
  }

  onResponseError(): void {
    this.#response.destroy();
  }
}

function undiciHop(endpoint: URL, apiKey: string): Hop {
  const pool = new Pool(endpoint.origin);
  const headers = ['content-type', 'application/json', 'authorization', `Bearer ${apiKey}`];
  return {
    forward(method, path, body, response) {
      pool.dispatch({ method: method as Dispatcher.HttpMethod, path, body, headers }, new GatheringHandler(response));
    },
    close: () => pool.destroy(),
  };
}

export async function startBareForwarder(endpointBaseURL: string, apiKey: string, client: ForwarderClient = 'node:http'): Promise<BareForwarder> {
  const endpoint = new URL(endpointBaseURL);
  const hop = client === 'undici' ? undiciHop(endpoint, apiKey) : nodeHttpHop(endpoint, apiKey);
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => hop.forward(incoming.method ?? 'GET', `${endpoint.pathname}${incoming.url!.slice('/v1'.length)}`, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hop.close();
    },
  };
}
