// The run page's live stream over a real socket (inject would buffer a stream that never ends):
// a snapshot first, then the hub's events as they are published, heartbeats while idle, and the end
// of the stream at eval-end; a run that is not live gets its final state and the stream closes.
import { get } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { buildApp } from './app.js';
import { LiveRunHub } from './live-run-hub.js';
import { caseResult, runRecord } from './test-support.js';

interface ServerSentEvent {
  event?: string;
  data?: unknown;
  comment?: string;
  retry?: number;
}

/** Reads a text/event-stream body, handing each event to `onEvent` as it arrives; resolves when the server ends it. */
async function readEvents(response: Response, onEvent: (event: ServerSentEvent) => void = () => {}): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event: ServerSentEvent = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim();
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
        else if (line.startsWith('retry: ')) event.retry = Number(line.slice(7));
      }
      events.push(event);
      onEvent(event);
    }
  }
  return events;
}

let store: Store;
let hub: LiveRunHub;
let app: FastifyInstance;
let baseUrl: string;

beforeEach(async () => {
  store = openStore(':memory:');
  hub = new LiveRunHub();
  app = buildApp({ store, liveRuns: hub, heartbeatIntervalMs: 20 });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await app.close();
  store.close();
});

const liveRun = runRecord({ id: 'run-live', status: 'running', finishedAt: undefined, plannedResults: 2 });

describe('GET /api/runs/:id/events', () => {
  it('streams a live run\'s events as they are published and ends at eval-end', async () => {
    store.createRun(liveRun);
    hub.publish({ type: 'eval-start', run: liveRun, total: 2, alreadyDone: 0 });
    const response = await fetch(`${baseUrl}/api/runs/run-live/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

    const first = caseResult({ runId: 'run-live', caseId: 'a', status: 'pass' });
    const second = caseResult({ runId: 'run-live', caseId: 'b', status: 'fail', output: '<b>not bold</b>' });
    let published = false;
    const events = await readEvents(response, (event) => {
      // Publish only once the stream is open, as an eval running alongside the page would.
      if (event.event !== 'snapshot' || published) return;
      published = true;
      hub.publish({ type: 'case-start', caseId: 'a', agent: 'react', model: 'sim:strong', epoch: 1 });
      store.addCaseResult(first);
      hub.publish({ type: 'case-end', result: first, done: 1, total: 2 });
      setTimeout(() => {
        store.addCaseResult(second);
        hub.publish({ type: 'case-end', result: second, done: 2, total: 2 });
        store.finishRun('run-live', 'completed', Date.now());
        hub.publish({ type: 'eval-end', run: { ...liveRun, status: 'completed' }, done: 2, total: 2, interrupted: false });
      }, 60);
    });

    const named = events.filter((event) => event.event !== undefined);
    expect(named.map((event) => event.event)).toEqual(['snapshot', 'case-start', 'case-end', 'case-end', 'eval-end']);
    expect(named[0]!.data).toMatchObject({ runId: 'run-live', live: true, status: 'running', done: 0, total: 2 });
    expect(named[2]!.data).toMatchObject({ done: 1, total: 2, result: { caseId: 'a', status: 'pass' } });
    expect(named[3]!.data).toMatchObject({ done: 2, result: { caseId: 'b', status: 'fail', outputPreview: '<b>not bold</b>' } });
    expect(named[4]!.data).toEqual({ runId: 'run-live', status: 'completed', done: 2, total: 2, interrupted: false });
    // The 60 ms pause is longer than the 20 ms heartbeat.
    expect(events.some((event) => event.comment === 'heartbeat')).toBe(true);
  });

  it('sends a finished run\'s final state and closes', async () => {
    store.createRun(runRecord({ id: 'run-done' }));
    store.addCaseResult(caseResult({ runId: 'run-done', status: 'pass' }));
    store.addCaseResult(caseResult({ runId: 'run-done', caseId: 'case-2', status: 'error' }));
    const events = await readEvents(await fetch(`${baseUrl}/api/runs/run-done/events`));
    expect(events).toEqual([{ event: 'snapshot', data: { runId: 'run-done', status: 'completed', live: false, done: 2, total: 2, passed: 1, failed: 0, errors: 1 } }]);
  });

  it('tells the browser to ask again later about a run another process is still running', async () => {
    store.createRun(liveRun);
    const events = await readEvents(await fetch(`${baseUrl}/api/runs/run-live/events`));
    expect(events[0]).toEqual({ retry: 5_000 });
    expect(events[1]).toMatchObject({ event: 'snapshot', data: { status: 'running', live: false } });
  });

  it('ends open streams when the app closes, so closing does not hang', async () => {
    store.createRun(liveRun);
    hub.publish({ type: 'eval-start', run: liveRun, total: 2, alreadyDone: 0 });
    const response = await fetch(`${baseUrl}/api/runs/run-live/events`);
    const reading = readEvents(response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await app.close();
    const events = await reading;
    expect(events[0]!.event).toBe('snapshot');
  });

  it('stops delivering to a browser that went away', async () => {
    store.createRun(liveRun);
    hub.publish({ type: 'eval-start', run: liveRun, total: 2, alreadyDone: 0 });
    // node:http rather than fetch, whose pool would open a spare connection that holds close() up.
    const request = get(`${baseUrl}/api/runs/run-live/events`);
    request.on('error', () => {});
    const response = await new Promise<IncomingMessage>((resolve) => request.on('response', resolve));
    await new Promise((resolve) => response.once('data', resolve));
    expect(hub.subscriberCount('run-live')).toBe(1);
    request.destroy();
    await expect.poll(() => hub.subscriberCount('run-live')).toBe(0);
  });
});
