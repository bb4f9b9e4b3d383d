// The simulator as a process of its own (`agentlab sim`), as a user runs it next to an eval: it then
// has its own event loop and does not compete with the measured client inside one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { agentlabCommand } from './agentlab-command.js';

export interface SimProcess {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  pid: number;
  /** What the process has written to stdout so far: after close(), its last words too. */
  output(): string;
  close(): Promise<void>;
}

export interface SimProcessOptions {
  /** `zero`, `realistic`, `fast` or a number of milliseconds per call. */
  latency: string;
  profiles?: readonly string[];
  /** Requests per minute per model the simulator enforces (`--rpm`), with OpenAI's 429s. */
  rpm?: number;
}

export async function startSimProcess(options: SimProcessOptions): Promise<SimProcess> {
  const args = [...agentlabCommand.args, 'sim', '--port', '0', '--latency', options.latency];
  if (options.profiles) args.push('--profile', options.profiles.join(','));
  if (options.rpm !== undefined) args.push('--rpm', String(options.rpm));
  const child: ChildProcess = spawn(agentlabCommand.command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = /listening at (http:\/\/\S+\/v1)$/m.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`agentlab sim exited (${String(code)}) before listening: ${errors || output}`)));
    child.once('error', reject);
  });
  return {
    baseURL,
    pid: child.pid!,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // 'close', not 'exit': its stdout, the last line included, has been read by then.
      const exited = once(child, 'close');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
