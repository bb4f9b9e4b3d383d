// One overhead figure, side by side in alternating pairs: the same chat request sent by an agent
// through a model proxy session and straight to the endpoint, each side a sample of sequential
// calls, the side that goes first switching from pair to pair. The
// agent runs in this process (a module agent) or in its own (a command or HTTP agent), with one
// session throughout, whose recording must hold every call.
import OpenAI from 'openai';
import type { ModelHandle } from '../../models/index.js';
import type { ModelProxy } from '../../targets/proxy/index.js';
import { alternatePairs, formatNumber, median, pairedDifferences, percentile, timeSequentialCalls, type BenchmarkContext, type CallTiming } from '../harness/index.js';
import type { AgentProcess } from './agent-process.js';
import type { BareForwarder } from './bare-forwarder.js';
import { nonStreamedCall, streamedCall } from './agent-request.js';
import { CALLS_PER_SAMPLE, INFORMATIONAL_PAIRS_PER_RUN, INFORMATIONAL_WARMUP_PAIRS, MIN_TARGET_PAIRS, PAIRS_PER_RUN, WARMUP_PAIRS } from './constants.js';

export interface OverheadSetup {
  /** Shown in progress lines. */
  label: string;
  proxy: ModelProxy;
  /** The cell's model: the endpoint both sides reach. */
  model: ModelHandle;
  stream: boolean;
  /** Set when the agent runs as its own process; otherwise it runs in this one. */
  agentProcess?: AgentProcess;
  /** Set to measure the bare forwarder instead of the proxy, for the floor. */
  bareForwarder?: BareForwarder;
  /** An informational figure, measured after the target's: fewer pairs (constants.ts). */
  informational?: boolean;
}

export interface ProxyOverhead {
  proxiedMs: number;
  directMs: number;
  /** The median of the pairs' differences (proxied − direct), wall clock: the figure. */
  addedMs: number;
  /** The 25th and 75th percentiles of the same differences: how much the pairs disagree. */
  addedQuartilesMs: [number, number];
  /** The same in this process's CPU time per call (the agent's included when it runs here). */
  addedCpuMs: number;
  pairs: number;
}

/** The client an agent makes from a base URL and key: the openai package's defaults, no retries. */
function agentClient(baseURL: string, apiKey: string): OpenAI {
  return new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
}

function sampler(setup: OverheadSetup): (baseURL: string, apiKey: string, client?: OpenAI) => Promise<CallTiming> {
  const call = setup.stream ? streamedCall : nonStreamedCall;
  return async (baseURL, apiKey, client) => {
    if (setup.agentProcess) {
      // The agent's CPU is its own process's: this process's share is the proxy's.
      const cpuBefore = process.cpuUsage();
      const timing = await setup.agentProcess.sample({ baseURL, apiKey, calls: CALLS_PER_SAMPLE, stream: setup.stream });
      const cpu = process.cpuUsage(cpuBefore);
      return { wallMs: timing.wallMs, cpuMs: (cpu.user + cpu.system) / 1000 / CALLS_PER_SAMPLE };
    }
    const agent = client ?? agentClient(baseURL, apiKey);
    return timeSequentialCalls(CALLS_PER_SAMPLE, () => call(agent));
  };
}

export async function measureProxyOverhead(setup: OverheadSetup, context: BenchmarkContext): Promise<ProxyOverhead> {
  const sample = sampler(setup);
  const { model, proxy } = setup;
  const directKey = model.client.apiKey;
  const directClient = agentClient(model.baseURL, directKey);
  const { bareForwarder } = setup;
  // One session for the whole figure, as one agent's run: the per-call cost, not a case's set-up.
  const session = proxy.openSession({ model, agent: 'bench-agent', seed: 1, captureContent: false });
  const [routeURL, routeKey] = bareForwarder ? [bareForwarder.baseURL, 'bench-no-key'] : [session.baseURL, session.apiKey];
  const routeClient = agentClient(routeURL, routeKey);
  const proxied = (): Promise<CallTiming> => sample(routeURL, routeKey, routeClient);
  const pairsPerRun = setup.informational ? INFORMATIONAL_PAIRS_PER_RUN : PAIRS_PER_RUN;
  const warmup = setup.informational ? INFORMATIONAL_WARMUP_PAIRS : WARMUP_PAIRS;
  const pairs = setup.informational ? context.runs * pairsPerRun : Math.max(MIN_TARGET_PAIRS, context.runs * pairsPerRun);
  const samples = await alternatePairs(proxied, () => sample(model.baseURL, directKey, directClient), pairs, {
    warmup,
    onPair: (pair, total, latest) => {
      if (pair % pairsPerRun === 0) context.log(`${setup.label} ${pair}/${total}: proxied ${formatNumber(latest.a.wallMs)} ms/call, direct ${formatNumber(latest.b.wallMs)} ms/call`);
    },
  });
  const recording = await session.close();
  const expected = bareForwarder ? 0 : (warmup + pairs) * CALLS_PER_SAMPLE;
  const recorded = recording.steps.filter((step) => step.type === 'model_call' && step.error === undefined && step.outputTokens > 0).length;
  if (recorded !== expected) throw new Error(`the proxy recorded ${recorded} of ${expected} model calls: ${recording.endpointErrors.join('; ')}`);
  const added = pairedDifferences(
    samples.a.map((timing) => timing.wallMs),
    samples.b.map((timing) => timing.wallMs),
  );
  return {
    proxiedMs: median(samples.a.map((timing) => timing.wallMs)),
    directMs: median(samples.b.map((timing) => timing.wallMs)),
    addedMs: median(added),
    addedQuartilesMs: [percentile(added, 25), percentile(added, 75)],
    addedCpuMs: median(
      pairedDifferences(
        samples.a.map((timing) => timing.cpuMs),
        samples.b.map((timing) => timing.cpuMs),
      ),
    ),
    pairs,
  };
}

export function describeProxyOverhead(overhead: ProxyOverhead): string {
  const [lower, upper] = overhead.addedQuartilesMs;
  return (
    `median of ${overhead.pairs} paired differences (quartiles ${formatNumber(lower)}–${formatNumber(upper)} ms) between samples of ${CALLS_PER_SAMPLE} sequential calls, the side going first switching each pair ` +
    `(proxied ${formatNumber(overhead.proxiedMs)} vs direct ${formatNumber(overhead.directMs)} ms/call, medians; this process's CPU +${formatNumber(overhead.addedCpuMs * 1000)} µs/call) ` +
    `after ${WARMUP_PAIRS} warm-up pairs, one session throughout, every reply and recorded call checked`
  );
}
