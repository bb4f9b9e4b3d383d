// Test helpers for the CLI: a context that records output, answers questions from given text, and
// stops long-running commands on demand.
import { Readable } from 'node:stream';
import type { CliContext } from './cli-context.js';
import { runCli } from './main.js';

export interface RecordingContext extends CliContext {
  readonly output: string;
  readonly errorOutput: string;
  /** Makes a pending waitForStop() resolve, as SIGINT would. */
  stop(): void;
}

export interface RecordingOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdin is a terminal, so that commands ask questions. */
  interactive?: boolean;
  /** What the user types, e.g. `'y\n'`; the input ends after it. */
  input?: string;
}

export function recordingContext(options: RecordingOptions = {}): RecordingContext {
  let output = '';
  let input: Readable | undefined;
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
    isInteractive: options.interactive ?? false,
    openInput: () => (input ??= Readable.from([Buffer.from(options.input ?? '')])),
  };
}

/** Runs the CLI in-process and returns its exit code with what it printed. */
export async function runRecorded(
  arguments_: readonly string[],
  options: RecordingOptions = {},
): Promise<{ exitCode: number; output: string; errorOutput: string }> {
  const context = recordingContext(options);
  const exitCode = await runCli(arguments_, context);
  return { exitCode, output: context.output, errorOutput: context.errorOutput };
}
