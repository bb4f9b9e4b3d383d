// Benchmark: `agentlab eval` of single-call cases at concurrency 32 against a simulator process that
// holds every call 100 ms. Ideally 32 / 0.1 s = 320 cases/s; the figure is the share of that the eval
// reaches, timed by the run's own start and finish (process start-up and the report are left out).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatNumber, median, percentile, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { caseLatenciesMs } from './case-latencies.js';
import { runCliEval, type CliEvalRun } from './cli-eval.js';
import { CASES, CONCURRENCY, FIXED_LATENCY_MS, THROUGHPUT_SHARE_TARGET } from './constants.js';
import { writeReplyDataset } from './reply-cases.js';

const idealCasesPerSecond = CONCURRENCY / (FIXED_LATENCY_MS / 1000);
const idealMs = (CASES / idealCasesPerSecond) * 1000;

function shareOfIdeal(evalRun: CliEvalRun): number {
  return CASES / (evalRun.runMs / 1000) / idealCasesPerSecond;
}

export const evalConcurrency: Benchmark = {
  name: 'eval-concurrency',
  description: `agentlab eval of ${CASES} single-call react cases at concurrency ${CONCURRENCY}, simulator process holding each call ${FIXED_LATENCY_MS} ms`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-eval-concurrency-'));
    const sim = await startSimProcess({ latency: String(FIXED_LATENCY_MS) });
    try {
      const dataset = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(dataset, CASES);
      const storeOf = (name: string) => path.join(folder, `${name}.db`);
      const evalOnce = (name: string) => runCliEval({ dataset, store: storeOf(name), simBaseURL: sim.baseURL, concurrency: CONCURRENCY, cwd: folder }, CASES);
      // One eval thrown away first, so the simulator process is warm as it is for every later run.
      await evalOnce('warm-up');
      const runs: CliEvalRun[] = [];
      const latenciesMs: number[] = [];
      for (let run = 1; run <= context.runs; run += 1) {
        const evalRun = await evalOnce(`run-${run}`);
        runs.push(evalRun);
        latenciesMs.push(...caseLatenciesMs(storeOf(`run-${run}`), evalRun.run.id));
        context.log(`run ${run}/${context.runs}: ${formatNumber(evalRun.runMs)} ms for ${CASES} cases (ideal ${formatNumber(idealMs)} ms), process ${formatNumber(evalRun.process.wallMs)} ms`);
      }
      const runMs = median(runs.map((evalRun) => evalRun.runMs));
      const processMs = median(runs.map((evalRun) => evalRun.process.wallMs));
      return [
        {
          name: `eval throughput at concurrency ${CONCURRENCY} / ideal`,
          value: median(runs.map(shareOfIdeal)),
          unit: '×',
          target: { comparison: '>=', value: THROUGHPUT_SHARE_TARGET },
          detail:
            `median of ${context.runs} runs after a warm-up: the run took ${formatNumber(runMs)} ms by its own record (ideal ${formatNumber(idealMs)} ms), ` +
            `the whole agentlab process ${formatNumber(processMs)} ms; a case took p50 ${formatNumber(median(latenciesMs))} ms, p95 ${formatNumber(percentile(latenciesMs, 95))} ms; ` +
            `all ${CASES} cases passed in every run`,
        },
        {
          name: `eval cases per second at concurrency ${CONCURRENCY}`,
          value: CASES / (runMs / 1000),
          unit: 'cases/s',
          target: null,
          detail: `${CASES} / the median run time; ideal ${formatNumber(idealCasesPerSecond)} cases/s`,
        },
      ];
    } finally {
      await sim.close();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
