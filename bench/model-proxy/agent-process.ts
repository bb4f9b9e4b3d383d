// Starts the agent process (agent-process-main.ts) and asks it for timed samples: the proxy then
// runs alone in the benchmark's process, as it does beside a command or HTTP agent in an eval.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { AgentSample } from './agent-process-main.js';
import type { CallTiming } from '../harness/index.js';

const mainFile = fileURLToPath(new URL('./agent-process-main.ts', import.meta.url));

export interface AgentProcess {
  sample(request: AgentSample): Promise<CallTiming>;
  close(): Promise<void>;
}

export function startAgentProcess(): AgentProcess {
  const child: ChildProcess = fork(mainFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    async sample(request) {
      const answer = once(child, 'message') as Promise<[{ timing?: CallTiming; error?: string }]>;
      child.send(request);
      const [reply] = await answer;
      if (!reply.timing) throw new Error(`the agent process failed: ${reply.error}`);
      return reply.timing;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
