// The blackboard: versions per key, history with authors and causes, copies that later changes do
// not rewrite, watchers by prefix, watcher failures, and the write → watcher → triggered work chain
// on the trace.
import { trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { Blackboard } from './blackboard.js';
import type { BlackboardEntry } from './blackboard.js';
import { MessagingError } from './errors.js';
import { createTracedBed, tickingClock } from './test-support.js';

const bed = createTracedBed();
afterAll(() => bed.tracing.shutdown());

describe('Blackboard', () => {
  it('bumps a key’s version on each write and keeps every write with author, time and cause', () => {
    const board = new Blackboard({ now: tickingClock() });
    board.write('goal', 'research bees', { author: 'user' });
    const first = board.write('draft', 'v1 text', { author: 'writer', cause: { kind: 'write', key: 'goal', version: 1 } });
    const second = board.write('draft', 'v2 text', { author: 'writer', metadata: { revision: 1 } });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(board.read('draft')?.value).toBe('v2 text');
    expect(board.read('draft', 1)?.value).toBe('v1 text');
    expect(board.read('missing')).toBeUndefined();
    expect(board.history().map((entry) => `${entry.key}@${entry.version} by ${entry.author}`)).toEqual(['goal@1 by user', 'draft@1 by writer', 'draft@2 by writer']);
    expect(board.history('draft')[0]!.cause).toEqual({ kind: 'write', key: 'goal', version: 1 });
    expect(board.history()[2]!.time).toBeGreaterThan(board.history()[1]!.time);
    expect(board.entries().map((entry) => `${entry.key}@${entry.version}`)).toEqual(['goal@1', 'draft@2']);
  });

  it('keeps a copy of the value, so changing the written object later does not rewrite history', () => {
    const board = new Blackboard();
    const findings = { facts: ['honey bees make honey'] };
    board.write('research/findings', findings, { author: 'researcher' });
    findings.facts.push('changed afterwards');
    expect(board.read<{ facts: string[] }>('research/findings')?.value.facts).toEqual(['honey bees make honey']);
  });

  it('calls watchers for writes under their prefix only, in the order they were added', () => {
    const board = new Blackboard();
    const calls: string[] = [];
    board.watch('research/', 'writer', (entry) => calls.push(`writer saw ${entry.key}@${entry.version}`));
    board.watch('draft', 'reviewer', (entry) => calls.push(`reviewer saw ${entry.key}@${entry.version}`));
    const stop = board.watch('', 'auditor', (entry) => calls.push(`auditor saw ${entry.key}`));
    board.write('research/findings', 'a', { author: 'researcher' });
    board.write('research/sources', 'b', { author: 'researcher' });
    board.write('draft', 'c', { author: 'writer' });
    stop();
    board.write('review', 'd', { author: 'reviewer' });
    board.write('researchers', 'e', { author: 'someone' });
    expect(calls).toEqual([
      'writer saw research/findings@1',
      'auditor saw research/findings',
      'writer saw research/sources@1',
      'auditor saw research/sources',
      'reviewer saw draft@1',
      'auditor saw draft',
    ]);
  });

  it('refuses bad keys, authorless writes and values JSON cannot hold, saying which key', () => {
    const board = new Blackboard();
    const codeOf = (write: () => unknown) => {
      try {
        write();
      } catch (error) {
        return `${(error as MessagingError).code}: ${(error as Error).message}`;
      }
      return 'no error';
    };
    expect(codeOf(() => board.write('has space', 1, { author: 'a' }))).toMatch(/^AGENTLAB_BLACKBOARD_KEY_INVALID: blackboard key "has space"/);
    expect(codeOf(() => board.write('/leading', 1, { author: 'a' }))).toMatch(/^AGENTLAB_BLACKBOARD_KEY_INVALID/);
    expect(codeOf(() => board.write('draft', 1, { author: '' }))).toMatch(/^AGENTLAB_BLACKBOARD_VALUE_INVALID: the write to "draft" has no author/);
    expect(codeOf(() => board.write('draft', () => 1, { author: 'a' }))).toMatch(/^AGENTLAB_BLACKBOARD_VALUE_INVALID: the value written to "draft" is function/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => board.write('draft', cyclic, { author: 'a' }))).toMatch(/cannot be serialised as JSON/);
    expect(board.history()).toHaveLength(0);
  });

  it('calls every watcher even when one throws, keeps the write, and then throws naming the watcher', () => {
    const board = new Blackboard();
    const seen: string[] = [];
    board.watch('draft', 'broken', () => {
      throw new Error('watcher bug');
    });
    board.watch('draft', 'reviewer', (entry) => seen.push(entry.key));
    expect(() => board.write('draft', 'x', { author: 'writer' })).toThrow(/watcher broken failed on the write to draft@1 \(the write itself was kept\)/);
    expect(seen).toEqual(['draft']);
    expect(board.read('draft')?.version).toBe(1);
  });

  it('records writes and watcher calls on the active span and the triggered work cites the write', async () => {
    const { spans } = await bed.traced(async () => {
      const board = new Blackboard({ now: tickingClock() });
      const queued: BlackboardEntry[] = [];
      board.watch('research/', 'writer', (entry) => queued.push(entry));
      board.write('research/findings', { fact: 'secret fact' }, { author: 'researcher', cause: { kind: 'write', key: 'goal', version: 1 }, metadata: { source: 'search_web' } });
      await bed.tracing.tracer.startActiveSpan('writer acts', async (span) => {
        board.citeTrigger(queued[0]!, 'writer');
        span.end();
      });
      expect(trace.getActiveSpan()?.isRecording()).toBe(true);
    });
    const root = spans.find((span) => span.name === 'test root')!;
    const write = root.events.find((event) => event.name === 'agentlab.blackboard.write')!;
    expect(write.attributes).toEqual({
      'agentlab.blackboard.key': 'research/findings',
      'agentlab.blackboard.version': 1,
      'agentlab.blackboard.author': 'researcher',
      'agentlab.blackboard.value_length': 22,
      'agentlab.blackboard.metadata': '{"source":"search_web"}',
      'agentlab.blackboard.cause': 'write:goal@1',
    });
    const watch = root.events.find((event) => event.name === 'agentlab.blackboard.watch')!;
    expect(watch.attributes).toMatchObject({ 'agentlab.blackboard.key': 'research/findings', 'agentlab.blackboard.version': 1, 'agentlab.blackboard.watcher': 'writer', 'agentlab.blackboard.watcher.prefix': 'research/', 'agentlab.blackboard.outcome': 'ok' });
    const acted = spans.find((span) => span.name === 'writer acts')!;
    expect(acted.attributes).toMatchObject({ 'agentlab.blackboard.trigger.key': 'research/findings', 'agentlab.blackboard.trigger.version': 1, 'agentlab.blackboard.trigger.author': 'researcher', 'agentlab.blackboard.trigger.watcher': 'writer' });
    expect(JSON.stringify(spans)).not.toContain('secret fact');
  });

  it('puts the value on the write event when content capture is on', async () => {
    const { spans } = await bed.traced(() => new Blackboard({ captureContent: true }).write('review', { verdict: 'approve' }, { author: 'reviewer' }));
    expect(spans[0]!.events[0]!.attributes['agentlab.blackboard.value']).toBe('{"verdict":"approve"}');
  });
});
