// Shared set-up for memory tests: a store file in a temp folder (the synchronous Store to look into,
// and the SqliteStoreBackend over it that memory works on), the simulator behind the real model
// factory, and a small HTTP endpoint that answers /v1/embeddings with whatever a test wants, so bad
// endpoints are met through the real `openai` client too.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ModelProvider } from '../../models/index.js';
import { openStore, SqliteStoreBackend, type Store } from '../../store/index.js';

export interface MemoryTestBed {
  store: Store;
  /** The same store as the asynchronous interface openMemory, openLessons and decideReview take. */
  backend: SqliteStoreBackend;
  storePath: string;
  provider: ModelProvider;
  close(): Promise<void>;
}

/** `endpoints` become config models by name, e.g. { broken: 'http://127.0.0.1:1234/v1' }. */
export function createMemoryTestBed(endpoints: Record<string, string> = {}): MemoryTestBed {
  const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-memory-'));
  const storePath = path.join(directory, 'agentlab.db');
  const store = openStore(storePath);
  const models = Object.fromEntries(Object.entries(endpoints).map(([name, baseURL]) => [name, { baseURL, model: 'embedder' }]));
  const provider = new ModelProvider({ latency: 'zero', config: { models, prices: {}, agents: {} }, timeoutMs: 5_000 });
  return {
    store,
    backend: new SqliteStoreBackend(store),
    storePath,
    provider,
    async close() {
      store.close();
      await provider.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface FakeEmbeddingEndpoint {
  baseURL: string;
  close(): Promise<void>;
}

/** An endpoint whose /v1/embeddings answers with `respond(input texts)` as JSON (status 200 unless given). */
export async function startFakeEmbeddingEndpoint(respond: (texts: string[]) => { status?: number; body: unknown }): Promise<FakeEmbeddingEndpoint> {
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const input = (JSON.parse(text) as { input: string | string[] }).input;
      const answer = respond(Array.isArray(input) ? input : [input]);
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
