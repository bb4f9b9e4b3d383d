// Benchmark: real latency at scale. One `agentlab eval` of 10,000 single-call react cases at
// concurrency 256 against a simulator process holding every call 1 s, as a user's big eval against a
// real endpoint runs, tracing and the store on: the share of the ideal rate (256 calls/s) it reaches,
// and the agentlab process's peak RSS with 256 cases, their connections and their spans in flight.
// It runs once, not `--runs` times: a run takes about a minute, and neither figure is noisy at this size.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatNumber, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { runCliEval } from '../eval-concurrency/cli-eval.js';
import { writeReplyDataset } from '../workloads/index.js';
import { CASES, CONCURRENCY, EVAL_TIMEOUT_MS, FIXED_LATENCY_MS, PEAK_RSS_TARGET_MB, THROUGHPUT_SHARE_TARGET } from './constants.js';

const idealSeconds = CASES / (CONCURRENCY / (FIXED_LATENCY_MS / 1000));
const megabyte = 1_000_000;

export const evalLatencyScale: Benchmark = {
  name: 'eval-latency-scale',
  description: `one agentlab eval of ${formatNumber(CASES)} single-call react cases at concurrency ${CONCURRENCY} against a simulator process holding every call ${FIXED_LATENCY_MS} ms, tracing and store on: throughput / ideal, peak RSS`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-eval-latency-scale-'));
    const sim = await startSimProcess({ latency: String(FIXED_LATENCY_MS) });
    try {
      const dataset = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(dataset, CASES);
      context.log(`evaluating ${formatNumber(CASES)} cases at concurrency ${CONCURRENCY}, ${FIXED_LATENCY_MS} ms a call (one run, ideal ${formatNumber(idealSeconds)} s)`);
      const evalRun = await runCliEval(
        { dataset, store: path.join(folder, 'store.db'), simBaseURL: sim.baseURL, concurrency: CONCURRENCY, cwd: folder, timeoutMs: EVAL_TIMEOUT_MS },
        CASES,
      );
      const runSeconds = evalRun.runMs / 1000;
      const share = idealSeconds / runSeconds;
      const peakMB = evalRun.process.peakRssBytes / megabyte;
      context.log(`${formatNumber(runSeconds)} s by the run's record (${formatNumber(share)} of ideal), process ${formatNumber(evalRun.process.wallMs / 1000)} s, peak RSS ${formatNumber(peakMB)} MB`);
      return [
        {
          name: `eval throughput at concurrency ${CONCURRENCY}, ${FIXED_LATENCY_MS} ms calls / ideal`,
          value: share,
          unit: '×',
          target: { comparison: '>=', value: THROUGHPUT_SHARE_TARGET },
          detail: `${formatNumber(CASES)} cases in ${formatNumber(runSeconds)} s by the run's own record against an ideal ${formatNumber(idealSeconds)} s (${CONCURRENCY} calls/s); the whole process, start-up and report included, ${formatNumber(evalRun.process.wallMs / 1000)} s, ${formatNumber(evalRun.process.cpuMs / CASES)} ms of CPU per case; one run, all passed`,
        },
        {
          name: `eval peak RSS at concurrency ${CONCURRENCY}, ${formatNumber(CASES)} cases`,
          value: peakMB,
          unit: 'MB',
          target: { comparison: '<=', value: PEAK_RSS_TARGET_MB },
          detail: `VmHWM of the agentlab eval process over its whole life, polled from /proc; tracing and the store on, ${CONCURRENCY} cases in flight`,
        },
      ];
    } finally {
      await sim.close();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
