// Benchmark: the openai client's transport, four ways, side by side: agentlab's own (undici's
// dispatch()), the node:http fetch it replaced, undici's fetch on an Agent, and Node's fetch. Each
// sends the same chat call to a bare server process replaying the simulator's recorded reply (so the
// server costs next to nothing), at concurrency 1, 4, 16 and 256, JSON and streamed. The transports
// take turns sample by sample, the first one rotating each round, so the machine's load falls on all.
// The figures are this process's CPU per call (what the transport costs) and wall time per call.
import OpenAI from 'openai';
import { formatNumber, median, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { nonStreamingCall, streamingCall, type ChatCall } from '../simulator/chat-call.js';
import { runClosedLoopLoad } from '../simulator/closed-loop-load.js';
import { realisticRequest } from '../simulator/realistic-request.js';
import { recordReply } from '../simulator/recorded-reply.js';
import { startReplayProcess } from '../simulator/replay-process.js';
import { CONCURRENCIES, CPU_RATIO_TARGET, MAX_ROUNDS, WARMUP_ROUNDS, callsPerSample } from './constants.js';
import { transportsToCompare, type Transport } from './transports.js';

interface Sample {
  cpuMs: number;
  wallMs: number;
}

async function measure(client: OpenAI, call: ChatCall, concurrency: number): Promise<Sample> {
  const calls = callsPerSample(concurrency);
  const cpuBefore = process.cpuUsage();
  const load = await runClosedLoopLoad(calls, concurrency, () => call(client));
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / calls, wallMs: load.elapsedMs / calls };
}

function client(baseURL: string, transport: Transport): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'bench-no-key', maxRetries: 0, timeout: 60_000, fetch: transport.fetch });
}

export const transportComparison: Benchmark = {
  name: 'transport',
  description: 'the openai client on agentlab\'s undici transport vs the node:http one it replaced, undici fetch and Node fetch, at concurrency 1–256, JSON and streamed',
  async run(context): Promise<Figure[]> {
    const simulator = await startSimProcess({ latency: 'zero' });
    const transports = transportsToCompare();
    const rounds = Math.min(context.runs, MAX_ROUNDS);
    try {
      const json = await startReplayProcess(await recordReply(simulator.baseURL, realisticRequest));
      const streamed = await startReplayProcess(await recordReply(simulator.baseURL, { ...realisticRequest, stream: true, stream_options: { include_usage: true } }));
      const figures: Figure[] = [];
      try {
        for (const [mode, server, call] of [['JSON', json, nonStreamingCall], ['streamed', streamed, streamingCall]] as const) {
          const clients = transports.map((transport) => client(server.baseURL, transport));
          for (const concurrency of CONCURRENCIES) {
            const samples: Sample[][] = transports.map(() => []);
            for (let round = 0; round < WARMUP_ROUNDS + rounds; round += 1) {
              for (let turn = 0; turn < transports.length; turn += 1) {
                const index = (round + turn) % transports.length;
                const sample = await measure(clients[index]!, call, concurrency);
                if (round >= WARMUP_ROUNDS) samples[index]!.push(sample);
              }
            }
            const cpu = samples.map((each) => median(each.map((sample) => sample.cpuMs)));
            const wall = samples.map((each) => median(each.map((sample) => sample.wallMs)));
            const others = transports.map((transport, index) => `${transport.name} ${formatNumber(cpu[index]!)} ms CPU, ${formatNumber(wall[index]!)} ms wall`).join('; ');
            context.log(`${mode}, concurrency ${concurrency}: ${others}`);
            figures.push({
              name: `transport CPU per call / node:http's, ${mode}, concurrency ${concurrency}`,
              value: cpu[0]! / cpu[1]!,
              unit: '×',
              target: { comparison: '<=', value: CPU_RATIO_TARGET },
              detail: `medians of ${rounds} samples of ${callsPerSample(concurrency)} calls, the four taking turns: ${others}`,
            });
          }
        }
      } finally {
        await json.close();
        await streamed.close();
      }
      return figures;
    } finally {
      await Promise.all(transports.map((transport) => transport.close()));
      await simulator.close();
    }
  },
};
