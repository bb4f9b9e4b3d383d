// A measuring device, not a proxy: the least a node:http hop can do (read the request, send it on
// with the endpoint's key over a kept-alive socket, send the answer back whole), no parsing, no
// checks, no recording. Its overhead, measured beside the proxy's, is the floor the proxy's figure
// stands on with this machine, Node and client.
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareForwarder {
  baseURL: string;
  close(): Promise<void>;
}

export async function startBareForwarder(endpointBaseURL: string, apiKey: string): Promise<BareForwarder> {
  const endpoint = new URL(endpointBaseURL);
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const forwarded = httpRequest(
        {
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: `${endpoint.pathname}${incoming.url!.slice('/v1'.length)}`,
          method: incoming.method,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${apiKey}` },
          agent,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const bytes = Buffer.concat(parts);
            response.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'content-length': bytes.length });
            response.end(bytes);
          });
        },
      );
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
