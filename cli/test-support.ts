// Test helpers for the CLI: a context that records output and stops long-running commands on demand.
import type { CliContext } from './cli-context.js';
import { runCli } from './main.js';

export interface RecordingContext extends CliContext {
  readonly output: string;
  readonly errorOutput: string;
  /** Makes a pending waitForStop() resolve, as SIGINT would. */
  stop(): void;
}

export function recordingContext(
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): RecordingContext {
  let output = '';
  let errorOutput = '';
  let stop: () => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = () => resolve('SIGINT');
  });
  return {
    get output() {
      return output;
    },
    get errorOutput() {
      return errorOutput;
    },
    writeOut: (text) => {
      output += text;
    },
    writeError: (text) => {
      errorOutput += text;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    waitForStop: () => stopped,
    stop: () => stop(),
  };
}

/** Runs the CLI in-process and returns its exit code with what it printed. */
export async function runRecorded(
  arguments_: readonly string[],
  options: { cwd?: string } = {},
): Promise<{ exitCode: number; output: string; errorOutput: string }> {
  const context = recordingContext(options);
  const exitCode = await runCli(arguments_, context);
  return { exitCode, output: context.output, errorOutput: context.errorOutput };
}
