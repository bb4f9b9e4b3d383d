// Benchmark: milliseconds the agent harness adds to each model call. Side by side, alternating: react
// runs on single-call goals (set up as an eval case, tracing on) and a bare loop sending the agent's
// own captured request through the same openai client, both against a zero-latency simulator running
// as its own process. The difference is the harness's work per call, not the HTTP transport's.
import { ModelProvider } from '../../models/index.js';
import { MemorySpanSink, setupTracing } from '../../tracing/index.js';
import { alternatePairs, formatNumber, median, pairedDifferences, percentile, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { replyGoal } from '../workloads/index.js';
import { timeAgentRuns } from './agent-side.js';
import { timeBareCalls } from './bare-side.js';
import { captureAgentRequest } from './captured-request.js';
import { ADDED_MS_PER_CALL_TARGET, CALLS_PER_SAMPLE, MIN_PAIRS, MODEL_REFERENCE, PAIRS_PER_RUN, WARMUP_PAIRS } from './constants.js';

export const agentOverhead: Benchmark = {
  name: 'agent-overhead',
  description: `react agent (tracing on) vs a bare openai client loop sending the agent's request, paired samples of ${CALLS_PER_SAMPLE} single-call runs, zero-latency simulator process`,
  async run(context): Promise<Figure[]> {
    const sim = await startSimProcess({ latency: 'zero' });
    const provider = new ModelProvider({ env: { OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'sk-bench' } });
    const sink = new MemorySpanSink();
    const tracing = setupTracing({ environment: {}, sinks: [sink] });
    try {
      const handle = await provider.open(MODEL_REFERENCE);
      const captured = await captureAgentRequest(handle, replyGoal(0), 0);
      const pairs = Math.max(MIN_PAIRS, context.runs * PAIRS_PER_RUN);
      const samples = await alternatePairs(
        () => timeAgentRuns(handle, tracing, sink, CALLS_PER_SAMPLE),
        () => timeBareCalls(handle.client, captured, CALLS_PER_SAMPLE),
        pairs,
        {
          warmup: WARMUP_PAIRS,
          onPair: (pair, total, latest) => {
            if (pair % PAIRS_PER_RUN === 0) context.log(`${pair}/${total}: agent ${formatNumber(latest.a.wallMs)} ms/call, bare ${formatNumber(latest.b.wallMs)} ms/call`);
          },
        },
      );
      const agentMs = median(samples.a.map((timing) => timing.wallMs));
      const bareMs = median(samples.b.map((timing) => timing.wallMs));
      const added = pairedDifferences(
        samples.a.map((timing) => timing.wallMs),
        samples.b.map((timing) => timing.wallMs),
      );
      const addedCpuUs = median(pairedDifferences(samples.a.map((timing) => timing.cpuMs), samples.b.map((timing) => timing.cpuMs))) * 1000;
      const sides =
        `median of ${pairs} paired differences (quartiles ${formatNumber(percentile(added, 25))}–${formatNumber(percentile(added, 75))} ms) between samples of ${CALLS_PER_SAMPLE} sequential calls, ` +
        `the side going first switching each pair, after ${WARMUP_PAIRS} warm-up pairs`;
      return [
        {
          name: 'agent added time per model call',
          value: median(added),
          unit: 'ms',
          target: { comparison: '<=', value: ADDED_MS_PER_CALL_TARGET },
          detail: `agent ${formatNumber(agentMs)} vs bare ${formatNumber(bareMs)} ms/call, medians (CPU +${formatNumber(addedCpuUs)} µs/call); ${sides}; one ${formatNumber(JSON.stringify(captured.body).length)}-byte request with ${captured.body.tools?.length ?? 0} tools`,
        },
        {
          name: 'agent time per model call',
          value: agentMs,
          unit: 'ms',
          target: null,
          detail: 'one react run per call: lazy sandbox created and removed, tracing into memory, answer and spans checked',
        },
        {
          name: 'bare openai call time',
          value: bareMs,
          unit: 'ms',
          target: null,
          detail: "the agent's captured request replayed through the same client, reply checked",
        },
        {
          name: 'agent added CPU per model call',
          value: addedCpuUs,
          unit: 'µs',
          target: null,
          detail: 'difference in this process\'s CPU time per call (the simulator runs in its own): moves less than wall time on a busy machine',
        },
      ];
    } finally {
      await tracing.shutdown();
      await provider.close();
      await sim.close();
    }
  },
};
