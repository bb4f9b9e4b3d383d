// Benchmark: an eval of single-call cases at concurrency 32 against a simulator process that holds
// every call 100 ms. Ideally 32 / 0.1 s = 320 cases/s; the figure is the share of that the runner
// reaches, timed by the run's own start and finish. The target figure runs the runner in this
// process after a warm-up eval, as every benchmark here measures warm code; the same eval through
// `agentlab eval` in a fresh process, whose first cases run before the JIT has compiled anything,
// is reported beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadDataset } from '../../eval/index.js';
import { ModelProvider } from '../../models/index.js';
import { formatNumber, median, percentile, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { runCliEval } from './cli-eval.js';
import { CASES, CLI_RUNS, CONCURRENCY, FIXED_LATENCY_MS, THROUGHPUT_SHARE_TARGET } from './constants.js';
import { writeReplyDataset } from '../workloads/index.js';
import { runRunnerEval } from './runner-eval.js';

const idealCasesPerSecond = CONCURRENCY / (FIXED_LATENCY_MS / 1000);
const idealMs = (CASES / idealCasesPerSecond) * 1000;
const shareOfIdeal = (runMs: number): number => idealMs / runMs;

export const evalConcurrency: Benchmark = {
  name: 'eval-concurrency',
  description: `eval of ${CASES} single-call react cases at concurrency ${CONCURRENCY}, simulator process holding each call ${FIXED_LATENCY_MS} ms: the runner warm, and agentlab eval from a fresh process`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-eval-concurrency-'));
    const sim = await startSimProcess({ latency: String(FIXED_LATENCY_MS) });
    const provider = new ModelProvider({ env: { OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'sk-bench' } });
    try {
      const datasetPath = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(datasetPath, CASES);
      const dataset = await loadDataset(datasetPath);
      const storeOf = (name: string) => path.join(folder, `${name}.db`);

      // One eval thrown away first: it warms this process's code and the simulator process.
      await runRunnerEval(dataset, provider, storeOf('warm-up'));
      const runnerMs: number[] = [];
      const latenciesMs: number[] = [];
      for (let run = 1; run <= context.runs; run += 1) {
        const evalRun = await runRunnerEval(dataset, provider, storeOf(`run-${run}`));
        runnerMs.push(evalRun.runMs);
        latenciesMs.push(...evalRun.latenciesMs);
        context.log(`runner ${run}/${context.runs}: ${formatNumber(evalRun.runMs)} ms for ${CASES} cases (ideal ${formatNumber(idealMs)} ms)`);
      }

      const cliRuns = [];
      for (let run = 1; run <= CLI_RUNS; run += 1) {
        const evalRun = await runCliEval({ dataset: datasetPath, store: storeOf(`cli-${run}`), simBaseURL: sim.baseURL, concurrency: CONCURRENCY, cwd: folder }, CASES);
        cliRuns.push(evalRun);
        context.log(`agentlab eval ${run}/${CLI_RUNS}: ${formatNumber(evalRun.runMs)} ms for ${CASES} cases by its record, process ${formatNumber(evalRun.process.wallMs)} ms`);
      }

      const runMs = median(runnerMs);
      const cliRunMs = median(cliRuns.map((evalRun) => evalRun.runMs));
      const cliProcessMs = median(cliRuns.map((evalRun) => evalRun.process.wallMs));
      return [
        {
          name: `eval throughput at concurrency ${CONCURRENCY} / ideal`,
          value: shareOfIdeal(runMs),
          unit: '×',
          target: { comparison: '>=', value: THROUGHPUT_SHARE_TARGET },
          detail:
            `the runner (runEval, tracing and results into SQLite), median of ${context.runs} runs after a warm-up eval: ${formatNumber(runMs)} ms by the run's record ` +
            `(ideal ${formatNumber(idealMs)} ms); a case took p50 ${formatNumber(median(latenciesMs))} ms, p95 ${formatNumber(percentile(latenciesMs, 95))} ms; all ${CASES} cases passed in every run`,
        },
        {
          name: `eval throughput at concurrency ${CONCURRENCY} / ideal, fresh agentlab process`,
          value: shareOfIdeal(cliRunMs),
          unit: '×',
          target: null,
          detail:
            `agentlab eval, median of ${CLI_RUNS} processes: ${formatNumber(cliRunMs)} ms by the run's record, ${formatNumber(cliProcessMs)} ms for the whole process; ` +
            'its first wave of cases runs on code not yet compiled (about 0.1 s once)',
        },
        {
          name: `eval cases per second at concurrency ${CONCURRENCY}`,
          value: CASES / (runMs / 1000),
          unit: 'cases/s',
          target: null,
          detail: `${CASES} / the runner's median run time; ideal ${formatNumber(idealCasesPerSecond)} cases/s`,
        },
      ];
    } finally {
      await provider.close();
      await sim.close();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
