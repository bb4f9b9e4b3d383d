// `GET /api/runs/:id/events`: the run's progress as server-sent events. A snapshot comes first; for
// a run live in this process the eval's events follow (a finished case with its case card), with
// heartbeats, until eval-end closes the stream. A run that is not live gets its snapshot and the
// stream closes; when another process is still running it, the retry delay makes the browser's
// EventSource ask again later.
import type { FastifyInstance } from 'fastify';
import type { CaseDefinition, StoreBackend } from '../store/index.js';
import { heartbeatIntervalMs, reconnectDelayMs } from './constants.js';
import { EventStream } from './event-stream.js';
import type { LiveRunHub } from './live-run-hub.js';
import { liveRunMessage, runSnapshot } from './live-run-messages.js';
import { lookUpRun } from './run-lookup.js';

export interface RunEventsOptions {
  store: StoreBackend;
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
    const run = await lookUpRun(options.store, (request.params as { id: string }).id);
    // Read before the stream starts, so a store that fails is an error answer, not a cut stream.
    const groups = await options.store.runGroupTotals(run.id);
    reply.hijack();
    const stream = new EventStream(reply.raw);
    const live = options.liveRuns.state(run.id);
    if (!live) {
      const snapshot = runSnapshot(run, groups, undefined);
      if (snapshot.status === 'running') stream.retry(reconnectDelayMs);
      stream.send('snapshot', snapshot);
      stream.end();
      return;
    }

    // Taking the hub's progress, subscribing and sending the snapshot in one synchronous step: no
    // event falls between them (the counts of results are the store's as read just before).
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      if (heartbeat !== undefined) clearInterval(heartbeat);
      open.delete(close);
      stream.end();
    };
    // Each case's definition is read once per stream, for the cards of the rows the page adds.
    const definitions = new Map<string, Promise<CaseDefinition | undefined>>();
    const definitionOf = (caseId: string): Promise<CaseDefinition | undefined> => {
      let definition = definitions.get(caseId);
      if (definition === undefined) {
        // A definition the store cannot give leaves the row without its card rather than ending the stream.
        definition = options.store.datasetCase(run.datasetHash, caseId).catch(() => undefined);
        definitions.set(caseId, definition);
      }
      return definition;
    };
    // A finished case waits for its definition; the chain keeps the events in the order they came.
    let sending: Promise<void> = Promise.resolve();
    const unsubscribe = options.liveRuns.subscribe(run.id, (event) => {
      sending = sending.then(async () => {
        if (closed) return;
        const definition = event.type === 'case-end' ? await definitionOf(event.result.caseId) : undefined;
        const message = liveRunMessage(event, () => definition);
        stream.send(message.event, message.data);
        if (event.type === 'eval-end') close();
      });
    });
    stream.send('snapshot', runSnapshot(run, groups, live));
    heartbeat = setInterval(() => stream.comment('heartbeat'), options.heartbeatIntervalMs ?? heartbeatIntervalMs);
    open.add(close);
    reply.raw.on('close', close);
  });
}
