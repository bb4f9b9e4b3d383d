// The event bus: delivery by type, handlers of one event running concurrently, a failing handler
// neither stopping the others nor the publisher, and the audit trail on the bus and on the trace.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.js';
import { createTracedBed, tickingClock } from './test-support.js';

const bed = createTracedBed();
afterAll(() => bed.tracing.shutdown());

describe('EventBus', () => {
  it('delivers an event to the handlers of its type only, and unsubscribes', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe('review-verdict', 'counter', (event) => void seen.push(`counter ${event.id}`));
    const stop = bus.subscribe('review-verdict', 'progress', (event) => void seen.push(`progress ${event.id}`));
    bus.subscribe('draft-written', 'other', () => void seen.push('other'));
    await bus.publish({ type: 'review-verdict', data: { verdict: 'revise' }, sender: 'reviewer' });
    stop();
    await bus.publish({ type: 'review-verdict', data: { verdict: 'approve' }, sender: 'reviewer' });
    expect(seen).toEqual(['counter event-1', 'progress event-1', 'counter event-2']);
  });

  it('runs the handlers of one event concurrently: each starts before any finishes', async () => {
    const bus = new EventBus();
    const order: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      bus.subscribe('tick', name, async () => {
        order.push(`${name} started`);
        await nextTurn();
        order.push(`${name} finished`);
      });
    }
    await bus.publish({ type: 'tick', data: null, sender: 'clock' });
    expect(order.slice(0, 3)).toEqual(['first started', 'second started', 'third started']);
    expect(order.slice(3).sort()).toEqual(['first finished', 'second finished', 'third finished']);
  });

  it('records a failing handler’s error and still runs the others; publish itself resolves', async () => {
    const bus = new EventBus({ now: tickingClock() });
    let delivered = 0;
    bus.subscribe('tick', 'sync-thrower', () => {
      throw new TypeError('bad handler');
    });
    bus.subscribe('tick', 'async-rejecter', async () => {
      await nextTurn();
      throw new Error('late failure');
    });
    bus.subscribe('tick', 'fine', () => void delivered++);
    const record = await bus.publish({ type: 'tick', data: { n: 1 }, sender: 'clock', cause: { kind: 'message', id: 'message-3' } });
    expect(delivered).toBe(1);
    expect(record.outcomes).toEqual([
      { handler: 'sync-thrower', outcome: 'error', error: { type: 'TypeError', message: 'bad handler' } },
      { handler: 'async-rejecter', outcome: 'error', error: { type: 'Error', message: 'late failure' } },
      { handler: 'fine', outcome: 'ok' },
    ]);
    expect(bus.trail()).toEqual([record]);
    expect(record).toMatchObject({ id: 'event-1', type: 'tick', sender: 'clock', data: { n: 1 }, cause: { kind: 'message', id: 'message-3' } });
  });

  it('refuses an event without a type or sender, and data JSON cannot hold', async () => {
    const bus = new EventBus();
    await expect(bus.publish({ type: ' ', data: 1, sender: 'a' })).rejects.toMatchObject({ code: 'AGENTLAB_EVENT_INVALID' });
    await expect(bus.publish({ type: 'tick', data: 1, sender: '' })).rejects.toThrow(/needs a sender/);
    await expect(bus.publish({ type: 'tick', data: 10n, sender: 'a' })).rejects.toThrow(/cannot be serialised/);
    expect(() => bus.subscribe('', 'x', () => undefined)).toThrow(/needs an event type/);
  });

  it('puts the event and each handler’s outcome on the trace, with a child span per handler', async () => {
    const { spans } = await bed.traced(async () => {
      const bus = new EventBus({ now: tickingClock(), tracer: bed.tracing.tracer });
      bus.subscribe('review-verdict', 'broken', () => {
        throw new Error('handler bug');
      });
      bus.subscribe('review-verdict', 'fine', () => undefined);
      await bus.publish({ type: 'review-verdict', data: { feedback: 'private words' }, sender: 'reviewer' });
    });
    const root = spans.find((span) => span.name === 'test root')!;
    expect(root.events.map((event) => event.name)).toEqual(['agentlab.event.publish', 'agentlab.event.handled', 'agentlab.event.handled']);
    expect(root.events[0]!.attributes).toEqual({ 'agentlab.event.id': 'event-1', 'agentlab.event.type': 'review-verdict', 'agentlab.event.sender': 'reviewer', 'agentlab.event.data_length': 28, 'agentlab.event.handler_count': 2 });
    expect(root.events[1]!.attributes).toMatchObject({ 'agentlab.event.handler': 'broken', 'agentlab.event.outcome': 'error', 'agentlab.event.error': 'Error: handler bug' });
    expect(root.events[2]!.attributes).toMatchObject({ 'agentlab.event.handler': 'fine', 'agentlab.event.outcome': 'ok' });
    const handlers = spans.filter((span) => span.name === 'handle_event review-verdict');
    expect(handlers.map((span) => [span.attributes['agentlab.event.handler'], span.status.code, span.parentSpanId === root.spanId])).toEqual(
      expect.arrayContaining([
        ['broken', 'error', true],
        ['fine', 'unset', true],
      ]),
    );
    expect(JSON.stringify(spans)).not.toContain('private words');
  });
});
