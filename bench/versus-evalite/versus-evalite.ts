// Benchmark: the same 2,000 single-turn cases evaluated by agentlab and by evalite (pinned; the
// vitest-based TypeScript eval runner), each as its own process against one simulator process with
// zero latency, alternating runs at two concurrencies. The ratio is reported, with no target.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { alternate, formatNumber, median, type Benchmark, type Figure } from '../harness/index.js';
import { EVALITE_VERSION, ensurePeerCommand } from '../peer-tools/index.js';
import { startSimProcess } from '../processes/index.js';
import { runAgentlabEval, type EvalSample } from '../versus-promptfoo/index.js';
import { replyCases, replyDatasetJsonl } from '../workloads/index.js';
import { CASES, CONCURRENCIES, MAX_RUNS, WARMUP_CASES } from './constants.js';
import { runEvaliteEval } from './evalite-eval.js';

const mebibyte = 1024 ** 2;

function summary(samples: readonly EvalSample[]): { seconds: number; cpuSeconds: number; peakMiB: number } {
  return {
    seconds: median(samples.map((sample) => sample.wallMs)) / 1000,
    cpuSeconds: median(samples.map((sample) => sample.cpuMs)) / 1000,
    peakMiB: median(samples.map((sample) => sample.peakRssBytes)) / mebibyte,
  };
}

export const versusEvalite: Benchmark = {
  name: 'versus-evalite',
  description: `${formatNumber(CASES)} single-turn cases on one sim process (latency zero): agentlab eval vs evalite ${EVALITE_VERSION} run, wall time`,
  async run(context): Promise<Figure[]> {
    const runs = Math.min(context.runs, MAX_RUNS);
    const evaliteEntryPoint = await ensurePeerCommand('evalite', context.log);
    const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-versus-evalite-'));
    const sim = await startSimProcess({ latency: 'zero' });
    try {
      const cases = replyCases(CASES);
      const datasetPath = path.join(workDirectory, 'reply-cases.jsonl');
      await writeFile(datasetPath, replyDatasetJsonl(cases));
      let runCount = 0;
      const inFreshFolder = (tool: string, measure: (runDirectory: string) => Promise<EvalSample>) => async () => {
        const runDirectory = path.join(workDirectory, `${(runCount += 1)}-${tool}`);
        await mkdir(runDirectory);
        try {
          return await measure(runDirectory);
        } finally {
          await rm(runDirectory, { recursive: true, force: true });
        }
      };
      const figures: Figure[] = [];
      // One warm-up run of each on a few cases brings both tools' files into the page cache and
      // warms the simulator, as in versus-promptfoo.
      const warmupCases = replyCases(WARMUP_CASES);
      const warmupDataset = path.join(workDirectory, 'warm-up-cases.jsonl');
      await writeFile(warmupDataset, replyDatasetJsonl(warmupCases));
      context.log(`warm-up: one run of each on ${formatNumber(WARMUP_CASES)} cases`);
      await inFreshFolder('evalite', (runDirectory) => runEvaliteEval({ entryPoint: evaliteEntryPoint, cases: warmupCases, concurrency: CONCURRENCIES[0], simBaseURL: sim.baseURL, runDirectory }))();
      await inFreshFolder('agentlab', (runDirectory) => runAgentlabEval({ datasetPath: warmupDataset, cases: warmupCases, concurrency: CONCURRENCIES[0], simBaseURL: sim.baseURL, runDirectory }))();
      for (const [index, concurrency] of CONCURRENCIES.entries()) {
        context.log(`concurrency ${concurrency}: ${runs} measured alternations of evalite and agentlab`);
        const samples = await alternate(
          inFreshFolder('evalite', (runDirectory) => runEvaliteEval({ entryPoint: evaliteEntryPoint, cases, concurrency, simBaseURL: sim.baseURL, runDirectory })),
          inFreshFolder('agentlab', (runDirectory) => runAgentlabEval({ datasetPath, cases, concurrency, simBaseURL: sim.baseURL, runDirectory })),
          runs,
          {
            warmup: 0,
            onRun: (run, total, latest) =>
              context.log(`concurrency ${concurrency}, run ${run}/${total}: evalite ${formatNumber(latest.a.wallMs / 1000)} s, agentlab ${formatNumber(latest.b.wallMs / 1000)} s, all ${formatNumber(CASES)} cases passed on both`),
          },
        );
        const evalite = summary(samples.a);
        const agentlab = summary(samples.b);
        const howRun = `medians of ${runs} alternating runs (--runs capped at ${MAX_RUNS}), ${index === 0 ? `after a warm-up run of each on ${formatNumber(WARMUP_CASES)} cases` : 'no warm-up of its own'}, ${formatNumber(CASES)} cases each`;
        figures.push(
          {
            name: `agentlab/evalite wall time, concurrency ${concurrency}`,
            value: agentlab.seconds / evalite.seconds,
            unit: '×',
            target: null,
            detail: `${howRun}: agentlab ${formatNumber(agentlab.seconds)} s (CPU ${formatNumber(agentlab.cpuSeconds)} s, peak RSS ${formatNumber(agentlab.peakMiB)} MiB), evalite ${EVALITE_VERSION} ${formatNumber(evalite.seconds)} s (CPU ${formatNumber(evalite.cpuSeconds)} s with its vitest workers, peak RSS ${formatNumber(evalite.peakMiB)} MiB)`,
          },
          {
            name: `evalite wall time, concurrency ${concurrency}`,
            value: evalite.seconds,
            unit: 's',
            target: null,
            detail: `evalite ${EVALITE_VERSION} on vitest, maxConcurrency ${concurrency}: ${formatNumber(CASES / evalite.seconds)} cases/s`,
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
