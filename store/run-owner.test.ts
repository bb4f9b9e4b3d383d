// Running runs whose process is gone read as interrupted: on this machine by their owner's pid, from
// elsewhere by a stale heartbeat; a store keeps the heartbeat of its own runs fresh, interrupts them
// when it closes unfinished, and refuses to reopen a run another live process is making.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleRunAfterMs } from './constants.js';
import { openStore } from './open-store.js';
import type { RunOwner } from './records.js';
import { currentRunOwner, isAbandoned } from './run-owner.js';
import type { Store } from './sqlite-store.js';
import { runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];
const now = 1_700_000_100_000;

function open(path: string, options: Parameters<typeof openStore>[1] = {}): Store {
  const store = openStore(path, { now: () => now, ...options });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

/** The pid of a process that has come and gone on this machine. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

const elsewhere: RunOwner = { host: 'another-machine', pid: process.pid, scope: '' };

describe('a running run', () => {
  it('whose owner on this machine has exited reads as interrupted, as of its last heartbeat, in every query', () => {
    const store = open(join(directories.make(), 'agentlab.db'));
    const owner = { ...currentRunOwner(), pid: deadPid() };
    store.createRun(runRecord({ id: 'dead', owner, heartbeatAt: now - 1_000 }));
    store.createRun(runRecord({ id: 'alive', startedAt: 1_700_000_000_001 }));

    expect(store.getRun('dead')).toMatchObject({ status: 'interrupted', finishedAt: now - 1_000, owner });
    expect(store.listRuns({ status: 'running' }).map((run) => run.id)).toEqual(['alive']);
    expect(store.countRuns({ status: 'interrupted' })).toBe(1);
    expect(store.runOverviews().map((overview) => [overview.run.id, overview.run.status])).toEqual([['alive', 'running'], ['dead', 'interrupted']]);
  });

  it('made by a live process on this machine stays running, seen from another connection', () => {
    const path = join(directories.make(), 'agentlab.db');
    open(path).createRun(runRecord());
    expect(open(path).getRun('run-1')?.status).toBe('running');
  });

  it('from another machine is running while its heartbeat is fresh, and interrupted once it is stale', () => {
    const path = join(directories.make(), 'agentlab.db');
    const writer = open(path);
    writer.createRun(runRecord({ id: 'fresh', owner: elsewhere, heartbeatAt: now - staleRunAfterMs }));
    writer.createRun(runRecord({ id: 'stale', owner: elsewhere, heartbeatAt: now - staleRunAfterMs - 1 }));
    const reader = open(path);
    expect(reader.getRun('fresh')?.status).toBe('running');
    expect(reader.getRun('stale')?.status).toBe('interrupted');
  });

  it('stored before owners were recorded has its start time as its only heartbeat', () => {
    const here = currentRunOwner();
    const options = { here, now, staleRunAfterMs };
    expect(isAbandoned({ status: 'running', startedAt: now - staleRunAfterMs - 1 }, options)).toBe(true);
    expect(isAbandoned({ status: 'running', startedAt: now - 1 }, options)).toBe(false);
    // A live pid that is old news (reused by another process) is caught by the heartbeat too.
    expect(isAbandoned({ status: 'running', startedAt: 0, owner: here, heartbeatAt: now - staleRunAfterMs - 1 }, options)).toBe(true);
    expect(isAbandoned({ status: 'completed', startedAt: 0 }, options)).toBe(false);
  });

  it('in a container sharing the host name but not the pid namespace is judged by its heartbeat, not by a pid that means nothing here', () => {
    const options = { here: currentRunOwner(), now, staleRunAfterMs, isAlive: () => false };
    const sibling = { ...currentRunOwner(), scope: 'another-namespace' };
    expect(isAbandoned({ status: 'running', startedAt: 0, owner: sibling, heartbeatAt: now - 1 }, options)).toBe(false);
    expect(isAbandoned({ status: 'running', startedAt: 0, owner: currentRunOwner(), heartbeatAt: now - 1 }, options)).toBe(true);
  });
});

describe('the store making a run', () => {
  it('refreshes its heartbeat while the run is under way', async () => {
    const path = join(directories.make(), 'agentlab.db');
    let clock = now;
    const runner = open(path, { now: () => clock, heartbeatIntervalMs: 10 });
    runner.createRun(runRecord());
    clock = now + 60_000;
    const reader = open(path);
    await expect.poll(() => reader.getRun('run-1')?.heartbeatAt, { timeout: 5_000 }).toBe(now + 60_000);
  });

  it('marks the runs it did not finish interrupted when it closes', () => {
    const path = join(directories.make(), 'agentlab.db');
    const runner = openStore(path, { now: () => now });
    runner.createRun(runRecord({ id: 'unfinished' }));
    runner.createRun(runRecord({ id: 'finished' }));
    runner.finishRun('finished', 'completed', now);
    runner.close();
    const reader = open(path);
    expect(reader.getRun('unfinished')).toMatchObject({ status: 'interrupted', finishedAt: now });
    expect(reader.getRun('finished')?.status).toBe('completed');
  });

  it('refuses to reopen a run another live process is making, and takes over one whose process died', () => {
    const path = join(directories.make(), 'agentlab.db');
    const store = open(path);
    store.createRun(runRecord({ id: 'busy', owner: elsewhere, heartbeatAt: now }));
    let failure: { code?: string; message?: string } = {};
    try {
      store.reopenRun('busy');
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.code).toBe('AGENTLAB_RUN_IN_PROGRESS');
    expect(failure.message).toBe(`Run busy is still running in process ${process.pid} on another-machine: let it finish, or stop it (Ctrl+C), before resuming it.`);

    store.createRun(runRecord({ id: 'orphan', owner: { ...currentRunOwner(), pid: deadPid() }, heartbeatAt: now }));
    store.reopenRun('orphan');
    expect(store.getRun('orphan')).toMatchObject({ status: 'running', owner: currentRunOwner(), heartbeatAt: now });
    expect(store.getRun('orphan')?.finishedAt).toBeUndefined();
  });
});
