// The transports the benchmark compares, each a `fetch` handed to the same openai client: agentlab's
// (undici's dispatch(), models/transport/), the node:http one it replaced, undici's own fetch on an
// Agent, and Node's built-in fetch (the openai client's default).
import { Agent, fetch as undiciFetch } from 'undici';
import { createModelTransport } from '../../models/transport/index.js';
import { createNodeHttpFetch } from './node-http-fetch.js';

export interface Transport {
  name: string;
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

export function transportsToCompare(): Transport[] {
  const agentlab = createModelTransport({ env: {} });
  const agent = new Agent();
  return [
    { name: 'agentlab (undici dispatch)', fetch: agentlab.fetch, close: () => agentlab.close() },
    { name: 'node:http (before)', fetch: createNodeHttpFetch(), close: async () => undefined },
    {
      name: 'undici fetch + Agent',
      fetch: ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher: agent })) as unknown as typeof globalThis.fetch,
      close: () => agent.close(),
    },
    { name: 'Node fetch', fetch: globalThis.fetch, close: async () => undefined },
  ];
}
