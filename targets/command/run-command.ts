// Runs one case of a command target: a process in its own process group, the case on stdin as one
// JSON line, stdout collected (capped), the tail of stderr kept for the error report, and the whole
// group killed when the case is aborted (timeout or stop), so no grandchild outlives its case.
import { spawn } from 'node:child_process';
import { KILL_GRACE_MS, MAX_COMMAND_OUTPUT_BYTES, STDERR_TAIL_CHARACTERS } from '../constants.js';
import { TargetRunError } from '../errors.js';
import type { ResolvedCommand } from './command-line.js';

export interface CommandRunOptions {
  command: ResolvedCommand;
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  signal: AbortSignal;
  /** The command line as the user wrote it, for messages. */
  shownAs: string;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > STDERR_TAIL_CHARACTERS ? `…${trimmed.slice(-STDERR_TAIL_CHARACTERS)}` : trimmed;
}

/** Resolves with stdout when the process exits 0; rejects with a TargetRunError otherwise. */
export function runCommand(options: CommandRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new TargetRunError('aborted', 'the case was stopped before the command started'));
      return;
    }
    const child = spawn(options.command.program, options.command.args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let overflow = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    options.signal.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_COMMAND_OUTPUT_BYTES) {
        if (!overflow) stop();
        overflow = true;
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARACTERS * 2);
    });
    // An agent that never reads its stdin closes it early; that is not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
    let settled = false;
    const finish = (error: TargetRunError | undefined) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', stop);
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      if (killTimer) clearTimeout(killTimer);
      if (error) reject(error);
      else resolve(Buffer.concat(stdout).toString('utf8'));
    };
    child.on('error', (error) => finish(new TargetRunError('agent_crashed', `${options.shownAs} could not be started: ${error.message}`)));
    child.on('close', (code, signal) => {
      const stderrTail = tail(stderr);
      const withStderr = stderrTail ? `; stderr: ${stderrTail}` : '';
      if (options.signal.aborted) finish(new TargetRunError('aborted', `${options.shownAs} was stopped${withStderr}`));
      else if (overflow) finish(new TargetRunError('agent_crashed', `${options.shownAs} printed more than ${MAX_COMMAND_OUTPUT_BYTES} bytes`));
      else if (code !== 0) finish(new TargetRunError('agent_exit', `${options.shownAs} exited with ${code === null ? `signal ${signal}` : `code ${code}`}${withStderr}`));
      else finish(undefined);
    });
  });
}
