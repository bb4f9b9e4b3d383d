// Who holds a run open, and whether they still do. A run is `running` only while its process lives:
// on the owner's own machine (same host name, boot and pid namespace) the pid decides at once; from
// anywhere else, or when the pid may have been reused, a heartbeat older than `staleRunAfterMs` does.
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunOwner, RunRecord } from './records.js';

/** Boot id and pid namespace on Linux; empty where neither can be read. */
function processScope(): string {
  const parts: string[] = [];
  try {
    parts.push(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  } catch {
    // Not Linux: the host name alone says where the pid means this process.
  }
  try {
    parts.push(readlinkSync('/proc/self/ns/pid'));
  } catch {
    // As above.
  }
  return parts.join(' ');
}

let current: RunOwner | undefined;

/** This process, as a run's owner. */
export function currentRunOwner(): RunOwner {
  return (current ??= { host: hostname(), pid: process.pid, scope: processScope() });
}

export function isSameMachine(owner: RunOwner, here: RunOwner): boolean {
  return owner.host === here.host && owner.scope === here.scope;
}

/** Signal 0 tests for a process without touching it; EPERM means it exists but belongs to another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface AbandonedRunOptions {
  here: RunOwner;
  now: number;
  staleRunAfterMs: number;
  isAlive?: (pid: number) => boolean;
}

/**
 * A `running` run nobody is making any more. Runs stored before owners were recorded have their
 * start time as their only sign of life.
 */
export function isAbandoned(run: Pick<RunRecord, 'status' | 'owner' | 'heartbeatAt' | 'startedAt'>, options: AbandonedRunOptions): boolean {
  if (run.status !== 'running') return false;
  if (run.owner && isSameMachine(run.owner, options.here) && !(options.isAlive ?? isProcessAlive)(run.owner.pid)) return true;
  return options.now - (run.heartbeatAt ?? run.startedAt) > options.staleRunAfterMs;
}

/** `process 4242 on ci-runner-3` for messages. */
export function describeOwner(owner: RunOwner | undefined): string {
  return owner ? `process ${owner.pid} on ${owner.host}` : 'a process of an older agentlab';
}
