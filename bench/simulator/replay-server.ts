// The bare side of a comparison: a Fastify server on loopback that answers every chat
// completion with a recorded reply, written the way the simulator writes it (one `send` for
// JSON; a `write` per event when streaming) with the same transport settings, so the only
// difference left is the simulator's own work.
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import type { RecordedReply } from './recorded-reply.js';

export interface RunningReplayServer {
  baseURL: string;
  close(): Promise<void>;
}

export interface ReplayServerOptions {
  /** Held before answering, as the simulator's fixed latency holds each call. Default 0. */
  delayMs?: number;
}

export async function startReplayServer(recorded: RecordedReply, options: ReplayServerOptions = {}): Promise<RunningReplayServer> {
  const delayMs = options.delayMs ?? 0;
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, keepAliveTimeout: 30_000 });
  const streamed = recorded.contentType.startsWith('text/event-stream');
  app.post('/v1/chat/completions', async (_request, reply) => {
    if (delayMs > 0) await sleep(delayMs);
    if (!streamed) return reply.header('content-type', recorded.contentType).send(recorded.pieces[0]);
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': recorded.contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
    const last = recorded.pieces.length - 1;
    for (let index = 0; index < last; index += 1) reply.raw.write(recorded.pieces[index]);
    reply.raw.end(recorded.pieces[last]);
    return reply;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
