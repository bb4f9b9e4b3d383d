// Shows an eval's progress: a bar on a terminal, a plain line every tenth of the way otherwise (CI logs).
// How an interrupted run ends is said by the command, --quiet or not (eval-stop-messages.ts).
import { createRequire } from 'node:module';
import type { EvalProgressEvent } from '../eval/index.js';
import type { CliContext } from './cli-context.js';

export interface EvalProgressRenderer {
  onEvent(event: EvalProgressEvent): void;
  stop(): void;
}

export function createEvalProgressRenderer(context: CliContext, quiet: boolean): EvalProgressRenderer {
  const counts = { pass: 0, fail: 0, error: 0 };
  const tally = () => `pass ${counts.pass}, fail ${counts.fail}, error ${counts.error}`;
  if (quiet) return { onEvent: () => undefined, stop: () => undefined };

  if (context.progressTerminal) {
    // Loaded only for a terminal: CI logs get plain lines and never need it.
    const { Presets, SingleBar } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
    const bar = new SingleBar(
      { stream: context.progressTerminal, format: 'eval [{bar}] {value}/{total} {percentage}% | {tally} | eta {eta_formatted}', hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    return {
      onEvent(event) {
        if (event.type === 'eval-start') {
          context.writeError(`Run ${event.run.id}: ${event.total} results to make${event.alreadyDone ? ` (${event.alreadyDone} already done)` : ''}\n`);
          bar.start(event.total, event.alreadyDone, { tally: tally() });
        } else if (event.type === 'case-end') {
          counts[event.result.status]++;
          bar.update(event.done, { tally: tally() });
        }
      },
      stop: () => bar.stop(),
    };
  }

  let nextReport = 0;
  return {
    onEvent(event) {
      if (event.type === 'eval-start') {
        context.writeError(`Run ${event.run.id}: ${event.total} results to make${event.alreadyDone ? ` (${event.alreadyDone} already done)` : ''}\n`);
        nextReport = event.alreadyDone + Math.max(1, Math.ceil(event.total / 10));
      } else if (event.type === 'case-end') {
        counts[event.result.status]++;
        if (event.done >= nextReport || event.done === event.total) {
          context.writeError(`progress: ${event.done}/${event.total} (${Math.floor((event.done / event.total) * 100)}%) ${tally()}\n`);
          nextReport = event.done + Math.max(1, Math.ceil(event.total / 10));
        }
      }
    },
    stop: () => undefined,
  };
}
