// For the receiver's tests: a Fastify app with the OTLP routes and a real SQLite store in a
// temporary folder, listening on an ephemeral loopback port, recording what each request carried.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { registerOtlpRoutes } from './otlp-routes.js';
import type { OtlpRoutesOptions } from './otlp-routes.js';

export interface ReceivedRequest {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  statusCode: number;
}

export interface TestReceiver {
  app: FastifyInstance;
  store: Store;
  /** `http://127.0.0.1:<port>/v1/traces` */
  tracesUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startTestReceiver(options: Omit<OtlpRoutesOptions, 'store'> & { store?: OtlpRoutesOptions['store'] } = {}): Promise<TestReceiver> {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-otlp-'));
  const store = openStore(join(folder, 'agentlab.db'));
  const app = Fastify();
  const received: ReceivedRequest[] = [];
  app.addHook('onResponse', async (request, reply) => {
    received.push({ contentType: request.headers['content-type'], contentEncoding: request.headers['content-encoding'], statusCode: reply.statusCode });
  });
  registerOtlpRoutes(app, { ...options, store: options.store ?? store });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    store,
    tracesUrl: `${address}/v1/traces`,
    received,
    async close() {
      await app.close();
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
