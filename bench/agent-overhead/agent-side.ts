// The agent side of the overhead comparison: react runs on single-call goals, each set up as an eval
// case sets up its run (a fresh lazy sandbox, a signal, a seed, tracing with the case's attributes,
// the sandbox removed afterwards), every answer and every trace checked.
import type { Tracer } from '@opentelemetry/api';
import { agentPatterns, createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, runAgent } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';
import { AgentlabAttribute, type MemorySpanSink, type Tracing } from '../../tracing/index.js';
import { replyGoal, replyText } from '../workloads/index.js';
import { timeSequentialCalls, type CallTiming } from '../harness/index.js';

/** invoke_agent and one chat span per single-call run. */
const spansPerRun = 2;

async function runReplyCase(handle: ModelHandle, tracer: Tracer, index: number): Promise<void> {
  const controller = new AbortController();
  const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY, lazy: true });
  try {
    const result = await runAgent('react', agentPatterns.react, replyGoal(index), {
      model: handle,
      tools: createDefaultRegistry({ sandbox }),
      signal: controller.signal,
      seed: index,
      tracer,
      captureContent: false,
      traceAttributes: { [AgentlabAttribute.runId]: 'run-agent-overhead', [AgentlabAttribute.caseId]: `reply-${index}`, [AgentlabAttribute.epoch]: 1 },
    });
    if (result.status !== 'completed' || result.output !== replyText(index) || result.steps.length !== 1) {
      throw new Error(`agent run ${index}: expected "${replyText(index)}" in one model call, got ${result.status} "${result.output}" in ${result.steps.length} steps (${result.error?.message ?? ''})`);
    }
  } finally {
    await sandbox.remove();
  }
}

/** Times `count` agent runs; afterwards (untimed) flushes the spans and checks each run left its trace. */
export async function timeAgentRuns(handle: ModelHandle, tracing: Tracing, sink: MemorySpanSink, count: number): Promise<CallTiming> {
  sink.spans.length = 0;
  const timing = await timeSequentialCalls(count, (index) => runReplyCase(handle, tracing.tracer, index));
  await tracing.forceFlush();
  if (sink.spans.length !== count * spansPerRun) throw new Error(`expected ${count * spansPerRun} spans from ${count} agent runs, got ${sink.spans.length}`);
  sink.spans.length = 0;
  return timing;
}
