// Runs an agent pattern to an AgentResult: loop-level stops become statuses, never crashes, and
// progress can be consumed as an async iterable of events.
import { EventEmitter, on } from 'node:events';
import type { AgentResult } from './agent-result.js';
import type { AgentOptions } from './agent-options.js';
import { AgentRun } from './agent-run.js';
import type { ProgressEvent } from './progress-event.js';
import { RunStop } from './run-stop.js';
import { AgentlabAttribute } from '../../tracing/index.js';

export type AgentFunction = (goal: string, run: AgentRun) => Promise<string>;

export async function runAgent(name: string, agent: AgentFunction, goal: string, options: AgentOptions): Promise<AgentResult> {
  const run = new AgentRun(options);
  run.emit({ type: 'run-start', agent: name, goal, model: options.model.model });
  let traceId: string | undefined;
  const replayed = run.journal.recordedCount;
  const attributes = { ...(options.traceAttributes ?? {}), ...(replayed > 0 ? { [AgentlabAttribute.resumeReplayedEntries]: replayed } : {}) };
  const result = await run.tracing.agentSpan(
    name,
    run.steps,
    attributes,
    async (span) => {
      if (span.isRecording()) {
        const ids = span.spanContext();
        traceId = ids.traceId;
        await options.onRootSpan?.({ traceId: ids.traceId, spanId: ids.spanId });
      }
      return settle(run, () => agent(goal, run));
    },
    run.tracing.rootContext(),
  );
  if (traceId) result.traceId = traceId;
  run.emit({ type: 'run-end', status: result.status, output: result.output, usage: result.usage });
  return result;
}

/** The agent's answer, or the status its loop-level stop stands for. */
async function settle(run: AgentRun, work: () => Promise<string>): Promise<AgentResult> {
  let result: AgentResult;
  try {
    const output = await work();
    result = { output, status: 'completed', steps: run.steps, usage: { ...run.usage } };
  } catch (error) {
    // A RunStop is a loop-level end (max steps, budget, loop, failing endpoint); anything else is a bug
    // in an agent, still reported as a status so that one case never takes down a whole eval.
    const status = error instanceof RunStop ? error.status : 'error';
    const code = error instanceof RunStop ? error.code : 'agent_crashed';
    const message = error instanceof Error ? error.message : String(error);
    result = { output: '', status, steps: run.steps, usage: { ...run.usage }, error: { code, message } };
    if (error instanceof RunStop && error.pendingApproval) result.pendingApproval = error.pendingApproval;
  }
  if (Object.keys(run.counters).length > 0) result.counters = { ...run.counters };
  return result;
}

/** The same run, with its progress events as an async iterable that ends after `run-end`. */
export function streamAgent(
  name: string,
  agent: AgentFunction,
  goal: string,
  options: AgentOptions,
): { events: AsyncIterable<ProgressEvent>; result: Promise<AgentResult> } {
  const emitter = new EventEmitter();
  // Subscribe before the run starts so no event is missed.
  const iterator = on(emitter, 'event', { close: ['end'] }) as AsyncIterableIterator<[ProgressEvent]>;
  const result = runAgent(name, agent, goal, {
    ...options,
    onEvent: (event) => {
      options.onEvent?.(event);
      emitter.emit('event', event);
    },
  }).finally(() => emitter.emit('end'));
  async function* events(): AsyncGenerator<ProgressEvent> {
    for await (const [event] of iterator) yield event;
  }
  return { events: events(), result };
}
