// `agentlab content` in-process: topics checked line by line before anything is enqueued, the same
// topic enqueued once, the status as JSON after a run of the workers, and control characters escaped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreBackend } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { formatPieceLine } from './content-command-work.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'agentlab-content-cli-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const run = (arguments_: string[]) => runRecorded(arguments_, { cwd: directory, env: {} });

describe('agentlab content', () => {
  it('refuses a topics file with a bad line, naming file:line, and enqueues nothing', async () => {
    writeFileSync(path.join(directory, 'topics.txt'), '# biology\nPhotosynthesis for AP Biology\n\n\u001b[2J wipe the screen\n');
    const refused = await run(['content', 'enqueue', '--file', 'topics.txt']);
    expect(refused.exitCode).toBe(2);
    expect(refused.errorOutput).toBe('error: topics.txt:4: \\x1b[2J wipe the screen is not a topic: it holds a control character.\n');
    const status = await run(['content', 'status', '--json']);
    expect(JSON.parse(status.output).counts.queued.count).toBe(0);

    writeFileSync(path.join(directory, 'numbers.txt'), 'Mars\n1984\n');
    expect((await run(['content', 'enqueue', '--file', 'numbers.txt'])).errorOutput).toMatch(/^error: numbers\.txt:2: 1984 is not a topic: its piece id 1984 would be a number alone/);
    expect((await run(['content', 'enqueue', '--file', 'missing.txt'])).exitCode).toBe(2);
    expect((await run(['content', 'enqueue'])).errorOutput).toBe('error: give a topic, or --file with one topic a line.\n');
  });

  it('enqueues a topic once, works the queue until empty, and shows the states and recent pieces as JSON', async () => {
    writeFileSync(path.join(directory, 'topics.txt'), 'Mars\n# a comment\n\nThe Moon\nMars\n');
    const enqueued = await run(['content', 'enqueue', '--file', 'topics.txt']);
    expect(enqueued.exitCode).toBe(0);
    expect(enqueued.output).toBe('Enqueued mars (Mars).\nEnqueued the-moon (The Moon).\nAlready enqueued: mars (Mars) is queued; the same topic is one job.\n');
    expect((await run(['content', 'enqueue', 'Write a lesson on Mars.'])).output).toBe('Already enqueued: mars (Mars) is queued; the same topic is one job.\n');

    const worked = await run(['content', 'work', '--until-empty', '--workers', '2', '--latency', 'zero', '--seed', '1', '--poll-ms', '20', '--output', 'out']);
    expect(worked.exitCode).toBe(0);
    // Without the worker (a random id), in topic order.
    const lines = worked.output.trim().split('\n').map((line) => line.replace(/^\S+ {2}/, '')).sort((left, right) => left.localeCompare(right));
    expect(lines).toEqual([
      expect.stringMatching(/^Mars {2}published \(completed\) {2}conf 1\.00 {2}\$0\.\d{4}$/),
      expect.stringMatching(/^The Moon {2}published \(completed\) {2}conf 1\.00 {2}\$0\.\d{4}$/),
    ]);
    expect(worked.errorOutput).toContain('Done: 2 completed;');

    const status = await run(['content', 'status', '--json']);
    const parsed = JSON.parse(status.output) as { counts: Record<string, { count: number; oldestAgeMs?: number }>; recent: Array<{ pieceId: string; status: string; traceId?: string }> };
    expect(Object.fromEntries(Object.entries(parsed.counts).map(([state, entry]) => [state, entry.count]))).toEqual({ queued: 0, running: 0, done: 2, dead: 0, in_review: 0 });
    expect(parsed.counts.done!.oldestAgeMs).toBeGreaterThanOrEqual(0);
    expect(parsed.recent.map((piece) => [piece.pieceId, piece.status]).sort()).toEqual([
      ['mars', 'published'],
      ['the-moon', 'published'],
    ]);
    // Each piece was traced into the store, so the /content page links it to its trace.
    const store = await openStoreBackend(path.join(directory, '.agentlab', 'agentlab.db'));
    try {
      for (const piece of parsed.recent) {
        expect(piece.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect((await store.spans(piece.traceId!)).length).toBeGreaterThan(3);
      }
    } finally {
      await store.close();
    }
    const text = await run(['content', 'status']);
    expect(text.output).toMatch(/done\s+2 /);
    expect(text.output).toContain('Recent pieces (newest first):');
  });

  it('prints a piece enqueued by another client with control characters escaped', () => {
    const line = formatPieceLine({ workerId: 'host:1:ab12', jobId: 'x', topic: 'Mars\u001b]0;owned\u0007', outcome: 'dead', status: 'failed', reason: 'model said \u001b[31mno', costUsd: 0, stagesRun: [], lessons: 0 });
    expect(line).toBe('ab12  Mars\\x1b]0;owned\\x07  failed (dead)  $0.0000  model said \\x1b[31mno');
  });

  it('says which queue URL it cannot use', async () => {
    const refused = await runRecorded(['content', 'status'], { cwd: directory, env: { AGENTLAB_QUEUE_URL: 'amqp://localhost' } });
    expect(refused.exitCode).toBe(2);
    expect(refused.errorOutput).toContain('amqp://localhost');
  });
});
