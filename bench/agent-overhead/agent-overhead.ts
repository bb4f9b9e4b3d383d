// Benchmark: milliseconds the agent harness adds to each model call. Side by side, alternating: react
// runs on single-call goals (set up as an eval case, tracing on) and a bare loop sending the agent's
// own captured request through the same openai client, both against a zero-latency simulator running
// as its own process. The difference is the harness's work per call, not the HTTP transport's.
import { ModelProvider } from '../../models/index.js';
import { MemorySpanSink, setupTracing } from '../../tracing/index.js';
import { alternate, formatNumber, median, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { replyGoal } from '../workloads/index.js';
import { timeAgentRuns } from './agent-side.js';
import { timeBareCalls } from './bare-side.js';
import { captureAgentRequest } from './captured-request.js';
import { ADDED_MS_PER_CALL_TARGET, CALLS_PER_SAMPLE, MODEL_REFERENCE } from './constants.js';

export const agentOverhead: Benchmark = {
  name: 'agent-overhead',
  description: `react agent (tracing on) vs a bare openai client loop sending the agent's request, ${CALLS_PER_SAMPLE} single-call runs per sample, zero-latency simulator process`,
  async run(context): Promise<Figure[]> {
    const sim = await startSimProcess({ latency: 'zero' });
    const provider = new ModelProvider({ env: { OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'sk-bench' } });
    const sink = new MemorySpanSink();
    const tracing = setupTracing({ environment: {}, sinks: [sink] });
    try {
      const handle = await provider.open(MODEL_REFERENCE);
      const captured = await captureAgentRequest(handle, replyGoal(0), 0);
      const samples = await alternate(
        () => timeAgentRuns(handle, tracing, sink, CALLS_PER_SAMPLE),
        () => timeBareCalls(handle.client, captured, CALLS_PER_SAMPLE),
        context.runs,
        {
          // Two alternations thrown away: the agent's longer path (sandbox, run, spans) takes longer
          // than the bare loop to reach optimised code.
          warmup: 2,
          onRun: (run, runs, latest) =>
            context.log(`run ${run}/${runs}: agent ${formatNumber(latest.a.wallMs)} ms/call, bare ${formatNumber(latest.b.wallMs)} ms/call`),
        },
      );
      const agentMs = median(samples.a.map((timing) => timing.wallMs));
      const bareMs = median(samples.b.map((timing) => timing.wallMs));
      const addedCpuUs = (median(samples.a.map((timing) => timing.cpuMs)) - median(samples.b.map((timing) => timing.cpuMs))) * 1000;
      const sides = `medians of ${context.runs} alternating samples of ${CALLS_PER_SAMPLE} sequential calls after 2 warm-up alternations`;
      return [
        {
          name: 'agent added time per model call',
          value: agentMs - bareMs,
          unit: 'ms',
          target: { comparison: '<=', value: ADDED_MS_PER_CALL_TARGET },
          detail: `agent ${formatNumber(agentMs)} vs bare ${formatNumber(bareMs)} ms/call (CPU +${formatNumber(addedCpuUs)} µs/call); ${sides}; one ${formatNumber(JSON.stringify(captured.body).length)}-byte request with ${captured.body.tools?.length ?? 0} tools`,
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
