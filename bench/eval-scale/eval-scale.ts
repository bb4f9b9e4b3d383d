// Benchmark: one `agentlab eval` of 100,000 single-call react cases at concurrency 16 against a
// zero-latency simulator process, with a fresh store: the agentlab process's peak RSS (results,
// spans and the report must not pile up in memory), the store's size per case result, and the rate.
// It runs once, not `--runs` times: a run takes minutes, and peak memory varies little between runs.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatNumber, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { runCliEval } from '../eval-concurrency/cli-eval.js';
import { writeReplyDataset } from '../workloads/index.js';
import { CASES, CONCURRENCY, EVAL_TIMEOUT_MS, PEAK_RSS_TARGET_MIB } from './constants.js';

const mebibyte = 1024 * 1024;

export const evalScale: Benchmark = {
  name: 'eval-scale',
  description: `one agentlab eval of ${formatNumber(CASES)} single-call react cases at concurrency ${CONCURRENCY}, zero-latency simulator process, fresh store: peak RSS, store size, rate`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-eval-scale-'));
    const sim = await startSimProcess({ latency: 'zero' });
    try {
      const dataset = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(dataset, CASES);
      context.log(`evaluating ${formatNumber(CASES)} cases (one run, about two minutes)`);
      const evalRun = await runCliEval(
        { dataset, store: path.join(folder, 'store.db'), simBaseURL: sim.baseURL, concurrency: CONCURRENCY, cwd: folder, timeoutMs: EVAL_TIMEOUT_MS },
        CASES,
      );
      const peakMiB = evalRun.process.peakRssBytes / mebibyte;
      const casesPerSecond = CASES / (evalRun.runMs / 1000);
      context.log(`${formatNumber(evalRun.runMs / 1000)} s by the run's record, process ${formatNumber(evalRun.process.wallMs / 1000)} s, peak RSS ${formatNumber(peakMiB)} MiB`);
      return [
        {
          name: `eval peak RSS, ${formatNumber(CASES)} case results`,
          value: peakMiB,
          unit: 'MiB',
          target: { comparison: '<=', value: PEAK_RSS_TARGET_MIB },
          detail: `VmHWM of the agentlab eval process over its whole life (start-up, run, summary), polled from /proc; one run, all ${formatNumber(CASES)} results passed`,
        },
        {
          name: 'eval store bytes per case result',
          value: evalRun.storeBytes / CASES,
          unit: 'B',
          target: null,
          detail: `the store file and its -wal after the process exited (${formatNumber(evalRun.storeBytes / mebibyte)} MiB), over the results; each result's trace (invoke_agent and chat spans) included`,
        },
        {
          name: `eval cases per second, zero latency, concurrency ${CONCURRENCY}`,
          value: casesPerSecond,
          unit: 'cases/s',
          target: null,
          detail: `${formatNumber(CASES)} results in ${formatNumber(evalRun.runMs / 1000)} s by the run's own record; the whole process took ${formatNumber(evalRun.process.wallMs / 1000)} s`,
        },
      ];
    } finally {
      await sim.close();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
