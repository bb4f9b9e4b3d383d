// `GET /api/runs/:id/events`: the run's progress as server-sent events. A snapshot comes first; for
// a run live in this process the eval's events follow (a finished case with its case card), with
// heartbeats, until eval-end closes the stream. A run that is not live gets its snapshot and the
// stream closes; when another process is still running it, the retry delay makes the browser's
// EventSource ask again later.
import type { FastifyInstance } from 'fastify';
import type { CaseDefinition, Store } from '../store/index.js';
import { heartbeatIntervalMs, reconnectDelayMs } from './constants.js';
import { EventStream } from './event-stream.js';
import type { LiveRunHub } from './live-run-hub.js';
import { liveRunMessage, runSnapshot } from './live-run-messages.js';
import { lookUpRun } from './run-lookup.js';

export interface RunEventsOptions {
  store: Store;
  liveRuns: LiveRunHub;
  heartbeatIntervalMs?: number;
}

export function registerRunEventsRoute(app: FastifyInstance, options: RunEventsOptions): void {
  const open = new Set<() => void>();
  // Streams would otherwise hold app.close() open until every browser went away.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get('/api/runs/:id/events', async (request, reply) => {
    const run = lookUpRun(options.store, (request.params as { id: string }).id);
    reply.hijack();
    const stream = new EventStream(reply.raw);
    const live = options.liveRuns.state(run.id);
    if (!live) {
      const snapshot = runSnapshot(options.store, run, undefined);
      if (snapshot.status === 'running') stream.retry(reconnectDelayMs);
      stream.send('snapshot', snapshot);
      stream.end();
      return;
    }

    // Subscribing and reading the snapshot in one synchronous step: no event falls between them.
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const close = (): void => {
      unsubscribe();
      if (heartbeat !== undefined) clearInterval(heartbeat);
      open.delete(close);
      stream.end();
    };
    // Each case's definition is read once per stream, for the cards of the rows the page adds.
    const definitions = new Map<string, CaseDefinition | undefined>();
    const definitionOf = (caseId: string): CaseDefinition | undefined => {
      if (!definitions.has(caseId)) definitions.set(caseId, options.store.datasetCase(run.datasetHash, caseId));
      return definitions.get(caseId);
    };
    const unsubscribe = options.liveRuns.subscribe(run.id, (event) => {
      const message = liveRunMessage(event, definitionOf);
      stream.send(message.event, message.data);
      if (event.type === 'eval-end') close();
    });
    stream.send('snapshot', runSnapshot(options.store, run, live));
    heartbeat = setInterval(() => stream.comment('heartbeat'), options.heartbeatIntervalMs ?? heartbeatIntervalMs);
    open.add(close);
    reply.raw.on('close', close);
  });
}
