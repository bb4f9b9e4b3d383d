// What commands may touch of the outside world, passed in so tests can run the CLI in-process.
import { isatty } from 'node:tty';
import { pipeWriter } from './pipe-writer.js';

export interface CliContext {
  writeOut(text: string): void;
  writeError(text: string): void;
  /** Directory relative paths and the default config file resolve against. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves with the signal's name when the user asks a long-running command to stop. */
  waitForStop(): Promise<string>;
  /** True when a person at a terminal can answer questions on the input (stdin is a TTY). */
  isInteractive: boolean;
  /** The input answers are read from; only opened when a question is asked, since reading stdin keeps the process alive. */
  openInput(): NodeJS.ReadableStream;
  /** A terminal to draw progress bars on (stderr when it is a TTY); absent in CI and pipes, which get plain lines. */
  progressTerminal?: NodeJS.WriteStream;
}

/** The real process: stdout, stderr (either may be a pipe its reader closes), stdin, the working directory, and SIGINT/SIGTERM. */
export function processContext(): CliContext {
  return {
    writeOut: pipeWriter(process.stdout),
    writeError: pipeWriter(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    waitForStop: () =>
      new Promise((resolve) => {
        // Handlers go after the first signal, so a second Ctrl+C kills a stop that hangs.
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    // File descriptor 0 is checked directly so that process.stdin is not created until needed.
    isInteractive: isatty(0),
    openInput: () => process.stdin,
    ...(process.stderr.isTTY ? { progressTerminal: process.stderr } : {}),
  };
}
