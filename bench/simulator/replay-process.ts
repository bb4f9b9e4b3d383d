// The bare server as its own process, like the simulator started with startSimProcess: each server
// then has an event loop of its own and the benchmark's process holds only the clients, so neither
// side of a comparison competes with the client for one loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { RecordedReply } from './recorded-reply.js';
import type { ReplayServerOptions, RunningReplayServer } from './replay-server.js';

const mainFile = fileURLToPath(new URL('./replay-server-main.ts', import.meta.url));
/** The TypeScript loader the benchmarks run under, resolved here so the child finds it from any folder. */
const tsxLoader = import.meta.resolve('tsx');

export async function startReplayProcess(recorded: RecordedReply, options: ReplayServerOptions = {}): Promise<RunningReplayServer> {
  const child = spawn(process.execPath, ['--import', tsxLoader, mainFile], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  child.stdin.end(JSON.stringify({ recorded, delayMs: options.delayMs ?? 0 }));
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = /listening at (http:\/\/\S+\/v1)$/m.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the bare server process exited (${String(code)}) before listening: ${errors || output}`)));
    child.once('error', reject);
  });
  return {
    baseURL,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
