// POSTs a body over a keep-alive HTTP agent and reads the whole answer: the client side of the ingest
// benchmark, kept to node:http so the client takes as little of the shared event loop as it can.
import { request } from 'node:http';
import type { Agent } from 'node:http';

export interface PostAnswer {
  statusCode: number;
  body: string;
}

export function post(url: URL, body: Buffer, contentType: string, agent: Agent): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
