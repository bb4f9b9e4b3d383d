// Runs a command as its own process and measures it as `time -v` would: wall time, the peak
// resident set size of the process tree's largest member and the tree's CPU time, read from /proc
// while it runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface MeasuredProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (and reported as failed) after this long. Default 10 minutes. */
  timeoutMs?: number;
}

export interface ProcessMeasurement {
  exitCode: number | null;
  wallMs: number;
  /** Largest VmHWM (peak RSS) seen in the process or any of its descendants, in bytes. */
  peakRssBytes: number;
  /**
   * User + system CPU time of the process tree, in ms, as last read from /proc (every 10 ms, so the
   * last few ms of a process are missed): steadier than wall time when other work takes the cores.
   */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

const pollIntervalMs = 10;

/** Peak RSS so far of one process, from /proc/<pid>/status (VmHWM), in bytes; 0 once it is gone. */
function peakRssOf(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pids of a process's children (one level), from /proc/<pid>/task/<pid>/children. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const clockTicksPerSecond = 100;

/** User + system CPU time so far of one process, from /proc/<pid>/stat (utime, stime), in ms. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

function treeCpuMs(pid: number): number {
  let total = cpuMsOf(pid);
  for (const child of childrenOf(pid)) total += treeCpuMs(child);
  return total;
}

function treePeakRss(pid: number): number {
  let peak = peakRssOf(pid);
  for (const child of childrenOf(pid)) peak = Math.max(peak, treePeakRss(child));
  return peak;
}

export function runMeasuredProcess(command: string, args: readonly string[], options: MeasuredProcessOptions = {}): Promise<ProcessMeasurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let peakRssBytes = 0;
    let cpuMs = 0;
    // VmHWM and CPU time only grow, so polling until the process is reaped misses at most its last few ms.
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      peakRssBytes = Math.max(peakRssBytes, treePeakRss(child.pid));
      cpuMs = Math.max(cpuMs, treeCpuMs(child.pid));
    }, pollIntervalMs);
    const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(timeout);
      reject(error);
    });
    // 'exit' fires before the pipes are drained; 'close' after both, which is what the output needs.
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      clearTimeout(timeout);
      resolve({ exitCode, wallMs, peakRssBytes, cpuMs, stdout, stderr });
    });
  });
}
