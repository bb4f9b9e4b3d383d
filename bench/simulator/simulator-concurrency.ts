// Benchmark: with every call held a fixed 100 ms, 32 concurrent clients should get 32 / 0.1 s =
// 320 calls/s; the figure is the share of that reached against the simulator, run as its own
// process (`agentlab sim --latency 100`) as a user runs it. Beside it, alternating, the same load
// against a bare Fastify server, also a process of its own, that sleeps 100 ms and replays the
// simulator's reply: the share the openai client, the loopback and the machine allow at all.
import { alternate, formatNumber, median, percentile, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { benchmarkClient } from './benchmark-client.js';
import { nonStreamingCall } from './chat-call.js';
import { runClosedLoopLoad, type LoadResult } from './closed-loop-load.js';
import { CONCURRENCY, CONCURRENCY_MIN_RUNS, CONCURRENT_CALLS, FIXED_LATENCY_MS, THROUGHPUT_SHARE_TARGET } from './constants.js';
import { realisticRequest } from './realistic-request.js';
import { recordReply } from './recorded-reply.js';
import { startReplayProcess } from './replay-process.js';

const idealCallsPerSecond = CONCURRENCY / (FIXED_LATENCY_MS / 1000);
const idealMs = (CONCURRENT_CALLS / idealCallsPerSecond) * 1000;

function shareOfIdeal(load: LoadResult): number {
  return CONCURRENT_CALLS / (load.elapsedMs / 1000) / idealCallsPerSecond;
}

function describeLoads(loads: readonly LoadResult[]): string {
  const callMs = loads.flatMap((load) => load.callMs);
  return (
    `median ${formatNumber(median(loads.map((load) => load.elapsedMs)))} ms for ${CONCURRENT_CALLS} calls (ideal ${formatNumber(idealMs)} ms), ` +
    `call p50 ${formatNumber(median(callMs))} ms, p95 ${formatNumber(percentile(callMs, 95))} ms, ` +
    `client event loop ${Math.round(median(loads.map((load) => load.eventLoopBusy)) * 100)}% busy`
  );
}

export const simulatorConcurrency: Benchmark = {
  name: 'simulator-concurrency',
  description: `${CONCURRENT_CALLS} calls at concurrency ${CONCURRENCY}, each held ${FIXED_LATENCY_MS} ms: simulator process vs a bare Fastify server process sleeping as long`,
  async run(context): Promise<Figure[]> {
    const simulator = await startSimProcess({ latency: String(FIXED_LATENCY_MS) });
    try {
      const bare = await startReplayProcess(await recordReply(simulator.baseURL, realisticRequest), { delayMs: FIXED_LATENCY_MS });
      try {
        const simulatorClient = benchmarkClient(simulator.baseURL);
        const bareClient = benchmarkClient(bare.baseURL);
        const runs = Math.max(context.runs, CONCURRENCY_MIN_RUNS);
        const samples = await alternate(
          () => runClosedLoopLoad(CONCURRENT_CALLS, CONCURRENCY, () => nonStreamingCall(simulatorClient)),
          () => runClosedLoopLoad(CONCURRENT_CALLS, CONCURRENCY, () => nonStreamingCall(bareClient)),
          runs,
          {
            onRun: (run, runs, latest) =>
              context.log(`run ${run}/${runs}: sim ${formatNumber(latest.a.elapsedMs)} ms, bare ${formatNumber(latest.b.elapsedMs)} ms`),
          },
        );
        return [
          {
            name: `sim throughput at concurrency ${CONCURRENCY} / ideal`,
            value: median(samples.a.map(shareOfIdeal)),
            unit: '×',
            target: { comparison: '>=', value: THROUGHPUT_SHARE_TARGET },
            detail: `${runs} runs alternating with bare, each server its own process; ${describeLoads(samples.a)}`,
          },
          {
            name: `sim throughput / bare server throughput, concurrency ${CONCURRENCY}`,
            value: median(samples.a.map((load, run) => samples.b[run]!.elapsedMs / load.elapsedMs)),
            unit: '×',
            target: null,
            detail: `median of per-run ratios; the bare server reaches ${formatNumber(median(samples.b.map(shareOfIdeal)))} of ideal: ${describeLoads(samples.b)}`,
          },
        ];
      } finally {
        await bare.close();
      }
    } finally {
      await simulator.close();
    }
  },
};
