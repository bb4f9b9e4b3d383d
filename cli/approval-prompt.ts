// Asks the person at the terminal whether a tool call the run does not allow may go ahead.
// Only "y" or "yes" approves; anything else, the input ending, or the run being stopped denies.
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { ApprovalCallback, ApprovalRequest } from '../agents/index.js';
import { PROGRESS_TEXT_MAX_LENGTH } from './constants.js';
import { toTerminalLine } from './terminal-text.js';

export interface ApprovalPromptOptions {
  /** The stream answers are typed on; opened at the first question. */
  openInput: () => NodeJS.ReadableStream;
  /** Where the question goes: stderr, so that stdout carries only the answer. */
  write: (text: string) => void;
  /** Stopping the run denies the question being asked and every later one. */
  signal?: AbortSignal;
}

export interface ApprovalPrompt {
  approve: ApprovalCallback;
  /** Stops reading the input, so that the process can exit. */
  close(): void;
}

export function formatApprovalQuestion(request: ApprovalRequest): string {
  const call = `${request.toolName} ${JSON.stringify(request.arguments)}`;
  return `Allow ${toTerminalLine(call, PROGRESS_TEXT_MAX_LENGTH)}? [y/N] `;
}

export function createApprovalPrompt(options: ApprovalPromptOptions): ApprovalPrompt {
  // One reader for the whole run: a second reader on an input that has ended would wait forever.
  let reader: { readline: Interface; lines: AsyncIterator<string> } | undefined;
  // Questions are asked one at a time, even if calls were ever approved in parallel.
  let previous: Promise<unknown> = Promise.resolve();

  const open = () => {
    if (reader === undefined) {
      const readline = createInterface({ input: options.openInput(), terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
      // Closing ends the line iterator, so a pending question resolves as a refusal.
      options.signal?.addEventListener('abort', () => readline.close(), { once: true });
      if (options.signal?.aborted) readline.close();
      reader = { readline, lines: readline[Symbol.asyncIterator]() };
    }
    return reader;
  };

  const ask = async (request: ApprovalRequest): Promise<boolean> => {
    options.write(formatApprovalQuestion(request));
    const answer = await open().lines.next();
    if (answer.done) {
      options.write('\n');
      return false;
    }
    return /^\s*y(es)?\s*$/i.test(answer.value);
  };

  return {
    approve: (request) => {
      const answer = previous.then(() => ask(request));
      previous = answer.catch(() => undefined);
      return answer;
    },
    close: () => reader?.readline.close(),
  };
}
