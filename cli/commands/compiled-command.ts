// The compiled agentlab command (bin/agentlab.js) as a child process for the CLI tests: stdin not a
// terminal, no colour, its output gathered as it comes, so a test can wait on what it has printed,
// signal it, or await its end.
import { spawn } from 'node:child_process';

export interface CommandExited {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand {
  /** What it has printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  signal(signal: NodeJS.Signals): void;
  exited: Promise<CommandExited>;
}

export function startCompiledCommand(binary: string, arguments_: readonly string[], options: { cwd: string; env?: Record<string, string> }): RunningCommand {
  const child = spawn(process.execPath, [binary, ...arguments_], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<CommandExited>((resolve) => child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    signal: (signal) => child.kill(signal),
    exited,
  };
}
