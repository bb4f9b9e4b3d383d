// What `agentlab eval` says when it is asked to stop (Ctrl+C, SIGTERM) and when its run ends
// interrupted. It says what the runner really does: the cases under way are aborted, a case cut
// short is not recorded, and `--resume` runs it again; the handlers are gone after the first
// signal, so a second one ends the process at once.
import type { EvalProgressEvent } from '../eval/index.js';

/** What the progress events have told about the run so far. */
export interface EvalState {
  runId?: string;
  /** Cases started and not yet recorded. */
  underWay: number;
  done: number;
  total: number;
  onEvent(event: EvalProgressEvent): void;
}

export function trackEvalState(): EvalState {
  const state: EvalState = {
    underWay: 0,
    done: 0,
    total: 0,
    onEvent(event) {
      if (event.type === 'eval-start') {
        state.runId = event.run.id;
        state.done = event.alreadyDone;
        state.total = event.total;
      } else if (event.type === 'case-start') state.underWay++;
      else if (event.type === 'case-end') {
        state.underWay = Math.max(0, state.underWay - 1);
        state.done = event.done;
      } else if (event.type === 'eval-end') {
        state.done = event.done;
        state.total = event.total;
      }
    },
  };
  return state;
}

function cases(count: number): string {
  return `${count} case${count === 1 ? '' : 's'}`;
}

/** `Received SIGINT: stopping the 4 cases under way; …`. */
export function describeStop(signal: string, state: Pick<EvalState, 'runId' | 'underWay'>): string {
  const again = `${signal} again quits at once.`;
  if (state.runId === undefined) return `Received ${signal}: stopping before the run starts. ${again}`;
  const resume = `agentlab eval --resume ${state.runId}`;
  if (state.underWay === 0) return `Received ${signal}: stopping; no case is under way. Finish the run with ${resume}. ${again}`;
  return `Received ${signal}: stopping the ${cases(state.underWay)} under way; a case cut short is not recorded, and ${resume} runs it again. ${again}`;
}

/** The last line of an interrupted eval: how far it got and how to finish it. */
export function describeInterruption(runId: string, state: Pick<EvalState, 'done' | 'total'>): string {
  return `Interrupted after ${state.done} of ${state.total} results; finish it with: agentlab eval --resume ${runId}`;
}
