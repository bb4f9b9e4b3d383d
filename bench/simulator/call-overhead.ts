// Side by side, alternating: the same sequential calls through the openai client to the
// simulator (zero latency) and to a bare Fastify server replaying the simulator's own reply.
// The difference is what the simulator adds to every call an agent makes in tests and evals.
import { startSimServer } from '../../models/sim/index.js';
import { alternate, formatNumber, median, type BenchmarkContext } from '../harness/index.js';
import { benchmarkClient } from './benchmark-client.js';
import { nonStreamingCall, streamingCall, timeSequentialCalls } from './chat-call.js';
import { realisticRequest } from './realistic-request.js';
import { recordReply, replySize } from './recorded-reply.js';
import { startReplayServer } from './replay-server.js';

export interface CallOverheadOptions {
  stream: boolean;
  callsPerRun: number;
}

export interface CallOverhead {
  /** Medians over runs of the mean wall-clock milliseconds per call. */
  simulatorMs: number;
  bareMs: number;
  /** median(simulator) − median(bare), wall clock: the figure. */
  addedMs: number;
  /** The same difference in CPU milliseconds, for telling a slow simulator from a busy machine. */
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
      const samples = await alternate(
        () => timeSequentialCalls(simulatorClient, call, options.callsPerRun),
        () => timeSequentialCalls(bareClient, call, options.callsPerRun),
        context.runs,
        {
          onRun: (run, runs, latest) =>
            context.log(`run ${run}/${runs}: sim ${formatNumber(latest.a.wallMs)} ms/call, bare ${formatNumber(latest.b.wallMs)} ms/call`),
        },
      );
      const simulatorMs = median(samples.a.map((timing) => timing.wallMs));
      const bareMs = median(samples.b.map((timing) => timing.wallMs));
      const addedCpuMs = median(samples.a.map((timing) => timing.cpuMs)) - median(samples.b.map((timing) => timing.cpuMs));
      return {
        simulatorMs,
        bareMs,
        addedMs: simulatorMs - bareMs,
        addedCpuMs,
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
export function describeCallOverhead(overhead: CallOverhead, options: CallOverheadOptions, runs: number): string {
  const reply = options.stream ? `${overhead.replyPieces} events, ${overhead.replyBytes} bytes` : `${overhead.replyBytes}-byte reply`;
  return (
    `sim ${formatNumber(overhead.simulatorMs)} vs bare ${formatNumber(overhead.bareMs)} ms/call ` +
    `(CPU +${formatNumber(overhead.addedCpuMs)} ms/call); ` +
    `medians of ${runs} alternating runs of ${options.callsPerRun} sequential calls, ${reply}`
  );
}
