// Benchmark: `agentlab eval` against a bare loop of `openai` client calls sending the same requests
// (captured from the eval itself) at the same concurrency, each as its own process against one
// simulator process with zero latency, in pairs at two concurrencies (the side going first switching
// each pair). The bare loop is the limit for a harness; the target is agentlab within 15% of it, with
// tracing and the store on: the median of the pairs' ratios, so that the machine's drift from one
// pair to the next falls on both sides of each ratio.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { alternatePairs, formatNumber, median, percentile, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { runAgentlabEval, type EvalSample } from '../versus-promptfoo/index.js';
import { replyCases, replyDatasetJsonl } from '../workloads/index.js';
import { runBareClientLoop, writeBareClientPlan } from './bare-client-eval.js';
import { captureEvalRequest } from './captured-eval-request.js';
import { BARE_CLIENT_RATIO_TARGET, CASES, CONCURRENCIES, MIN_PAIRS } from './constants.js';

function seconds(samples: readonly EvalSample[]): number {
  return median(samples.map((sample) => sample.wallMs)) / 1000;
}

function cpuSeconds(samples: readonly EvalSample[]): number {
  return median(samples.map((sample) => sample.cpuMs)) / 1000;
}

export const versusBareClient: Benchmark = {
  name: 'versus-bare-client',
  description: `${formatNumber(CASES)} single-turn cases on one sim process (latency zero): agentlab eval vs a bare loop of openai client calls sending the same requests`,
  async run(context): Promise<Figure[]> {
    const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-versus-bare-'));
    const sim = await startSimProcess({ latency: 'zero' });
    try {
      const cases = replyCases(CASES);
      const datasetPath = path.join(workDirectory, 'reply-cases.jsonl');
      await writeFile(datasetPath, replyDatasetJsonl(cases));
      const template = await captureEvalRequest(sim.baseURL);
      context.log(`captured the eval's request: ${(template.body as { tools?: unknown[] }).tools?.length ?? 0} tools, ${template.body.messages.length} messages, not streamed`);
      let runCount = 0;
      const agentlab = (concurrency: number) => async () => {
        const runDirectory = path.join(workDirectory, `${(runCount += 1)}-agentlab`);
        await mkdir(runDirectory);
        try {
          return await runAgentlabEval({ datasetPath, cases, concurrency, simBaseURL: sim.baseURL, runDirectory });
        } finally {
          await rm(runDirectory, { recursive: true, force: true });
        }
      };
      const figures: Figure[] = [];
      const pairs = Math.max(context.runs, MIN_PAIRS);
      for (const [index, concurrency] of CONCURRENCIES.entries()) {
        const plan = await writeBareClientPlan(workDirectory, { simBaseURL: sim.baseURL, concurrency, template, cases });
        const warmup = index === 0 ? 1 : 0;
        context.log(`concurrency ${concurrency}: ${warmup} warm-up and ${pairs} measured pairs of the bare client loop and agentlab`);
        const samples = await alternatePairs(() => runBareClientLoop(plan), agentlab(concurrency), pairs, {
          warmup,
          onPair: (pair, total, latest) =>
            context.log(`concurrency ${concurrency}, pair ${pair}/${total}: bare client ${formatNumber(latest.a.wallMs / 1000)} s, agentlab ${formatNumber(latest.b.wallMs / 1000)} s`),
        });
        const bare = seconds(samples.a);
        const agentlabSeconds = seconds(samples.b);
        const wallRatios = samples.b.map((sample, pair) => sample.wallMs / samples.a[pair]!.wallMs);
        const cpuRatios = samples.b.map((sample, pair) => sample.cpuMs / samples.a[pair]!.cpuMs);
        const howRun = `median of ${pairs} paired ratios (quartiles ${formatNumber(percentile(wallRatios, 25))}–${formatNumber(percentile(wallRatios, 75))}), the side going first switching each pair, ${warmup ? 'after 1 warm-up pair' : 'no warm-up of its own'}, ${formatNumber(CASES)} cases each, whole-process wall time`;
        figures.push(
          {
            name: `agentlab/bare client wall time, concurrency ${concurrency}`,
            value: median(wallRatios),
            unit: '×',
            target: { comparison: '<=', value: BARE_CLIENT_RATIO_TARGET },
            detail: `${howRun}: medians agentlab ${formatNumber(agentlabSeconds)} s (tracing on, results and spans to a fresh store), bare openai loop ${formatNumber(bare)} s`,
          },
          {
            name: `agentlab/bare client CPU time, concurrency ${concurrency}`,
            value: median(cpuRatios),
            unit: '×',
            target: null,
            detail: `the median of the same pairs' ratios of process CPU time (user + system, from /proc), which other work on the cores moves less than wall time: agentlab ${formatNumber(cpuSeconds(samples.b))} s, bare openai loop ${formatNumber(cpuSeconds(samples.a))} s`,
          },
          {
            name: `bare client wall time, concurrency ${concurrency}`,
            value: bare,
            unit: 's',
            target: null,
            detail: `openai client with its default fetch, ${concurrency} calls in flight: ${formatNumber(CASES / bare)} cases/s, peak RSS ${formatNumber(median(samples.a.map((sample) => sample.peakRssBytes)) / 1024 ** 2)} MiB`,
          },
        );
      }
      return figures;
    } finally {
      await sim.close();
      await rm(workDirectory, { recursive: true, force: true });
    }
  },
};
