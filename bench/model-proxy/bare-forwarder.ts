// A measuring device, not a proxy: the least a forwarding hop can do (read the request, send it on
// with the endpoint's key over a kept-alive connection, send the answer back whole), no parsing, no
// checks, no recording. Its overhead, measured beside the proxy's, is the floor the proxy's figure
// stands on with this machine, Node and client: node:http's client, or undici's Pool as the proxy
// uses.
import { createServer, request as httpRequest, Agent, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

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

function undiciHop(endpoint: URL, apiKey: string): Hop {
  const pool = new Pool(endpoint.origin);
  return {
    forward(method, path, body, response) {
      pool.request({ method, path, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` } }, (error, answer) => {
        if (error) {
          response.destroy();
          return;
        }
        const parts: Buffer[] = [];
        answer.body.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.body.on('end', () => {
          const contentType = answer.headers['content-type'];
          sendBack(response, answer.statusCode, Array.isArray(contentType) ? contentType[0] : contentType, parts);
        });
      });
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
