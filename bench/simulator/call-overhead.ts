// Side by side, in pairs whose first side switches from pair to pair: the same sequential calls
// through the openai client to the simulator (zero latency) and to a bare Fastify server replaying
// the simulator's own reply. The difference is what the simulator adds to every call an agent makes
// in tests and evals. Many short pairs after warm-up ones, as agent-overhead and model-proxy measure:
// three long samples from a fresh process (each benchmark has its own) were still warming up, the
// simulator's side 2.07, 1.99 then 1.06 ms a call.
import { startSimServer } from '../../models/sim/index.js';
import { alternatePairs, formatNumber, median, pairedDifferences, percentile, timeSequentialCalls, type BenchmarkContext } from '../harness/index.js';
import { benchmarkClient } from './benchmark-client.js';
import { CALLS_PER_SAMPLE, MIN_PAIRS, PAIRS_PER_RUN, WARMUP_PAIRS } from './constants.js';
import { nonStreamingCall, streamingCall } from './chat-call.js';
import { realisticRequest } from './realistic-request.js';
import { recordReply, replySize } from './recorded-reply.js';
import { startReplayServer } from './replay-server.js';

export interface CallOverheadOptions {
  stream: boolean;
}

export interface CallOverhead {
  /** Medians over the pairs of the mean wall-clock milliseconds per call. */
  simulatorMs: number;
  bareMs: number;
  /** The median of the pairs' differences (simulator − bare), wall clock: the figure. */
  addedMs: number;
  /** Their quartiles. */
  addedQuartiles: [number, number];
  pairs: number;
  /** The same, in CPU milliseconds, for telling a slow simulator from a busy machine. */
  addedCpuMs: number;
  replyBytes: number;
  replyPieces: number;
}

export async function measureCallOverhead(options: CallOverheadOptions, context: BenchmarkContext): Promise<CallOverhead> {
  const simulator = await startSimServer({ latency: 'zero' });
  try {
    const recorded = await recordReply(
      simulator.baseURL,
      options.stream ? { ...realisticRequest, stream: true, stream_options: { include_usage: true } } : realisticRequest,
    );
    const bare = await startReplayServer(recorded);
    try {
      const simulatorClient = benchmarkClient(simulator.baseURL);
      const bareClient = benchmarkClient(bare.baseURL);
      const call = options.stream ? streamingCall : nonStreamingCall;
      const pairs = Math.max(MIN_PAIRS, context.runs * PAIRS_PER_RUN);
      const samples = await alternatePairs(
        () => timeSequentialCalls(CALLS_PER_SAMPLE, () => call(simulatorClient)),
        () => timeSequentialCalls(CALLS_PER_SAMPLE, () => call(bareClient)),
        pairs,
        {
          warmup: WARMUP_PAIRS,
          onPair: (pair, total, latest) => {
            if (pair % PAIRS_PER_RUN === 0) context.log(`${pair}/${total}: sim ${formatNumber(latest.a.wallMs)} ms/call, bare ${formatNumber(latest.b.wallMs)} ms/call`);
          },
        },
      );
      const added = pairedDifferences(
        samples.a.map((timing) => timing.wallMs),
        samples.b.map((timing) => timing.wallMs),
      );
      return {
        simulatorMs: median(samples.a.map((timing) => timing.wallMs)),
        bareMs: median(samples.b.map((timing) => timing.wallMs)),
        addedMs: median(added),
        addedQuartiles: [percentile(added, 25), percentile(added, 75)],
        pairs,
        addedCpuMs: median(pairedDifferences(samples.a.map((timing) => timing.cpuMs), samples.b.map((timing) => timing.cpuMs))),
        replyBytes: replySize(recorded),
        replyPieces: recorded.pieces.length,
      };
    } finally {
      await bare.close();
    }
  } finally {
    await simulator.close();
  }
}

/** The "how measured" line shared by the streaming and non-streaming figures. */
export function describeCallOverhead(overhead: CallOverhead, options: CallOverheadOptions): string {
  const reply = options.stream ? `${overhead.replyPieces} events, ${overhead.replyBytes} bytes` : `${overhead.replyBytes}-byte reply`;
  return (
    `sim ${formatNumber(overhead.simulatorMs)} vs bare ${formatNumber(overhead.bareMs)} ms/call, medians ` +
    `(CPU +${formatNumber(overhead.addedCpuMs)} ms/call); median of ${overhead.pairs} paired differences ` +
    `(quartiles ${formatNumber(overhead.addedQuartiles[0])}–${formatNumber(overhead.addedQuartiles[1])} ms) between samples of ${CALLS_PER_SAMPLE} sequential calls, ` +
    `the side going first switching each pair, after ${WARMUP_PAIRS} warm-up pairs; ${reply}`
  );
}
