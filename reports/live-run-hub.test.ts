// The hub between a running eval and the run pages: events reach the run's subscribers only, the
// run's counts follow them, eval-end ends the run, and a failing subscriber cannot break the eval.
import { describe, expect, it } from 'vitest';
import type { EvalProgressEvent } from '../eval/index.js';
import { LiveRunHub } from './live-run-hub.js';
import { caseResult, runRecord } from './test-support.js';

const runA = runRecord({ id: 'run-a', status: 'running' });
const runB = runRecord({ id: 'run-b', status: 'running' });

describe('LiveRunHub', () => {
  it('delivers each run\'s events to its own subscribers and keeps its counts', () => {
    const hub = new LiveRunHub();
    const seenA: string[] = [];
    const seenB: string[] = [];
    hub.subscribe('run-a', (event) => seenA.push(event.type));
    hub.subscribe('run-b', (event) => seenB.push(event.type));
    hub.publish({ type: 'eval-start', run: runA, total: 3, alreadyDone: 1 });
    hub.publish({ type: 'case-start', caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 1 });
    hub.publish({ type: 'case-end', result: caseResult({ runId: 'run-a', status: 'fail' }), done: 2, total: 3 });
    expect(seenA).toEqual(['eval-start', 'case-start', 'case-end']);
    expect(seenB).toEqual([]);
    expect(hub.state('run-a')).toMatchObject({ total: 3, done: 2, passed: 0, failed: 1, errors: 0 });
    expect(hub.isLive('run-a')).toBe(true);
  });

  it('gives a case-start to the run started last, unless told which run it belongs to', () => {
    const hub = new LiveRunHub();
    const seenA: EvalProgressEvent[] = [];
    const seenB: EvalProgressEvent[] = [];
    hub.subscribe('run-a', (event) => seenA.push(event));
    hub.subscribe('run-b', (event) => seenB.push(event));
    hub.publish({ type: 'eval-start', run: runA, total: 1, alreadyDone: 0 });
    hub.publish({ type: 'eval-start', run: runB, total: 1, alreadyDone: 0 });
    const caseStart: EvalProgressEvent = { type: 'case-start', caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 1 };
    hub.publish(caseStart);
    hub.publish(caseStart, 'run-a');
    expect(seenB.filter((event) => event.type === 'case-start')).toHaveLength(1);
    expect(seenA.filter((event) => event.type === 'case-start')).toHaveLength(1);
  });

  it('ends the run at eval-end: the last event its subscribers get', () => {
    const hub = new LiveRunHub();
    const seen: string[] = [];
    hub.subscribe('run-a', (event) => seen.push(event.type));
    const sink = hub.sink();
    sink({ type: 'eval-start', run: runA, total: 1, alreadyDone: 0 });
    sink({ type: 'eval-end', run: { ...runA, status: 'completed' }, done: 1, total: 1, interrupted: false });
    sink({ type: 'case-end', result: caseResult({ runId: 'run-a' }), done: 1, total: 1 });
    expect(seen).toEqual(['eval-start', 'eval-end']);
    expect(hub.isLive('run-a')).toBe(false);
    expect(hub.state('run-a')).toBeUndefined();
    expect(hub.subscriberCount('run-a')).toBe(0);
  });

  it('drops a subscriber that throws and still reaches the others', () => {
    const hub = new LiveRunHub();
    const seen: string[] = [];
    hub.subscribe('run-a', () => {
      throw new Error('closed socket');
    });
    hub.subscribe('run-a', (event) => seen.push(event.type));
    expect(() => hub.publish({ type: 'eval-start', run: runA, total: 1, alreadyDone: 0 })).not.toThrow();
    hub.publish({ type: 'case-end', result: caseResult({ runId: 'run-a' }), done: 1, total: 1 });
    expect(seen).toEqual(['eval-start', 'case-end']);
    expect(hub.subscriberCount('run-a')).toBe(1);
  });

  it('stops calling a listener once unsubscribed', () => {
    const hub = new LiveRunHub();
    const seen: string[] = [];
    const unsubscribe = hub.subscribe('run-a', (event) => seen.push(event.type));
    unsubscribe();
    hub.publish({ type: 'eval-start', run: runA, total: 1, alreadyDone: 0 });
    expect(seen).toEqual([]);
  });
});
