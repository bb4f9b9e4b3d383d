// Asks the person at the terminal whether a tool call waiting for approval may go ahead. "y" or
// "yes" approves; any other answer rejects. The question can be withdrawn (the call was decided
// elsewhere first, or the run is stopping); the input ending leaves it unanswered.
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { ApprovalRequest } from '../agents/index.js';
import { PROGRESS_TEXT_MAX_LENGTH } from './constants.js';
import { toTerminalLine } from './terminal-text.js';

export interface ApprovalPromptOptions {
  /** The stream answers are typed on; opened at the first question. */
  openInput: () => NodeJS.ReadableStream;
  /** Where the question goes: stderr, so that stdout carries only the answer. */
  write: (text: string) => void;
}

/** What the terminal said: approve, reject, or nothing (the input ended, or the question was withdrawn). */
export type TerminalAnswer = 'approve' | 'reject' | 'none';

export interface ApprovalPrompt {
  /** Asks about one call; `withdraw` aborting stops waiting for the answer (it resolves `none`). */
  ask(request: ApprovalRequest, withdraw?: AbortSignal): Promise<TerminalAnswer>;
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
  // A line being waited for outlives a withdrawn question: the next question takes it over, so a line
  // typed after the withdrawal answers the question then on screen rather than vanishing.
  let pendingLine: Promise<IteratorResult<string>> | undefined;
  // Questions are asked one at a time.
  let previous: Promise<unknown> = Promise.resolve();

  const nextLine = (): Promise<IteratorResult<string>> => {
    if (reader === undefined) {
      const readline = createInterface({ input: options.openInput(), terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
      reader = { readline, lines: readline[Symbol.asyncIterator]() };
    }
    pendingLine ??= reader.lines.next().finally(() => {
      pendingLine = undefined;
    });
    return pendingLine;
  };

  const ask = async (request: ApprovalRequest, withdraw?: AbortSignal): Promise<TerminalAnswer> => {
    if (withdraw?.aborted) return 'none';
    options.write(formatApprovalQuestion(request));
    const withdrawn = new Promise<'withdrawn'>((resolve) => withdraw?.addEventListener('abort', () => resolve('withdrawn'), { once: true }));
    const answer = await Promise.race([nextLine(), withdrawn]);
    if (answer === 'withdrawn' || answer.done) {
      options.write('\n');
      return 'none';
    }
    return /^\s*y(es)?\s*$/i.test(answer.value) ? 'approve' : 'reject';
  };

  return {
    ask: (request, withdraw) => {
      const answer = previous.then(() => ask(request, withdraw));
      previous = answer.catch(() => undefined);
      return answer;
    },
    close: () => reader?.readline.close(),
  };
}
