// Benchmark: record and replay (models/cassettes). The bundled golden dataset with the react agent,
// evaluated against the simulator as a process of its own, reached as a configured model: plainly,
// and with --record, alternating; then the simulator is stopped and each recording is replayed.
// Figures: replay time over record time (target <= 0.5), cells whose verdict differs between a
// recording and its replay (target 0), calls a replay sent to an endpoint (target 0), and, to
// inform, what recording costs over a plain eval and the cassettes' bytes per model call.
import { readdir, stat, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate, type EvaluateOptions, type EvaluateResult } from '../../eval/index.js';
import type { CaseResultRecord } from '../../store/index.js';
import { formatNumber, median, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { AGENT, CONCURRENCY, DATASET, REPLAY_SHARE_TARGET, SEED, SIM_LATENCY } from './constants.js';

interface TimedEval {
  result: EvaluateResult;
  ms: number;
}

async function timedEval(options: EvaluateOptions): Promise<TimedEval> {
  const started = performance.now();
  const result = await evaluate(options);
  return { result, ms: performance.now() - started };
}

/** Everything a verdict is made of, per cell (ids and times aside). */
function verdicts(results: readonly CaseResultRecord[] | undefined): Map<string, string> {
  return new Map((results ?? []).map(({ runId, traceId, startedAt, finishedAt, ...cell }) => [`${cell.caseId} ${cell.agent} ${cell.model} #${cell.epoch}`, JSON.stringify(cell)]));
}

function differing(recorded: Map<string, string>, replayed: Map<string, string>): number {
  let count = Math.abs(recorded.size - replayed.size);
  for (const [cell, verdict] of recorded) if (replayed.has(cell) && replayed.get(cell) !== verdict) count++;
  return count;
}

async function directoryBytes(directory: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(directory, { recursive: true })) if (entry.endsWith('.jsonl')) bytes += (await stat(path.join(directory, entry))).size;
  return bytes;
}

export const recordReplay: Benchmark = {
  name: 'record-replay',
  description: `the bundled golden dataset × ${AGENT} against a simulator process (latency ${SIM_LATENCY}): replay time / record time, verdicts that differ, calls a replay sends; recording's cost over a plain eval`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-record-replay-'));
    const sim = await startSimProcess({ latency: SIM_LATENCY, profiles: ['strong'] });
    let simRunning = true;
    try {
      const common = (store: string, extra: Partial<EvaluateOptions>): EvaluateOptions => ({
        dataset: DATASET,
        agents: [AGENT],
        models: ['bench-sim'],
        epochs: 1,
        concurrency: CONCURRENCY,
        seed: SEED,
        config: { models: { 'bench-sim': { baseURL: sim.baseURL, model: 'strong' } } },
        lessons: false,
        gitCommit: false,
        store: path.join(folder, store),
        cwd: folder,
        env: {},
        onWarning: () => undefined,
        ...extra,
      });
      context.log('warm-up: one plain eval, thrown away');
      await timedEval(common('warm-up.db', {}));
      const plain: number[] = [];
      const records: TimedEval[] = [];
      for (let run = 0; run < context.runs; run++) {
        plain.push((await timedEval(common(`plain-${run}.db`, {}))).ms);
        records.push(await timedEval(common(`record-${run}.db`, { record: path.join(folder, `cassettes-${run}`) })));
        context.log(`run ${run + 1}: plain ${formatNumber(plain.at(-1)! / 1000)} s, record ${formatNumber(records.at(-1)!.ms / 1000)} s`);
      }
      await sim.close();
      simRunning = false;
      const replays: TimedEval[] = [];
      for (let run = 0; run < context.runs; run++) {
        replays.push(await timedEval(common(`replay-${run}.db`, { replay: path.join(folder, `cassettes-${run}`) })));
        context.log(`run ${run + 1}: replay ${formatNumber(replays.at(-1)!.ms / 1000)} s, simulator stopped`);
      }
      const shares = replays.map((replay, run) => replay.ms / records[run]!.ms);
      const mismatches = replays.reduce((sum, replay, run) => sum + differing(verdicts(records[run]!.result.report.results), verdicts(replay.result.report.results)), 0);
      const live = replays.reduce((sum, replay) => sum + (replay.result.cassettes?.recorded ?? 0) + (replay.result.cassettes?.missed ?? 0), 0);
      const cells = records[0]!.result.report.results?.length ?? 0;
      const calls = records[0]!.result.cassettes?.recorded ?? 0;
      const bytes = await directoryBytes(path.join(folder, 'cassettes-0'));
      return [
        {
          name: 'replay time / record time',
          value: median(shares),
          unit: '×',
          target: { comparison: '<=', value: REPLAY_SHARE_TARGET },
          detail: `${cells} cells, ${calls} model calls; record median ${formatNumber(median(records.map((record) => record.ms)) / 1000)} s, replay median ${formatNumber(median(replays.map((replay) => replay.ms)) / 1000)} s with the simulator stopped; evaluate() in this process, concurrency ${CONCURRENCY}; median of ${context.runs} runs`,
        },
        {
          name: 'replayed cells whose verdict differs',
          value: mismatches,
          unit: 'cells',
          target: { comparison: '<=', value: 0 },
          detail: `status, checks and their reasons, answer, tokens, cost, latency: each of ${context.runs} replays against its own recording, ${cells} cells each`,
        },
        {
          name: 'calls a replay sent to an endpoint',
          value: live,
          unit: 'calls',
          target: { comparison: '<=', value: 0 },
          detail: `requests not served from the cassettes (sent, or missed) over ${context.runs} replays`,
        },
        {
          name: 'record time / plain eval time',
          value: median(records.map((record, run) => record.ms / plain[run]!)),
          unit: '×',
          target: null,
          detail: `alternating, the same eval without --record: median ${formatNumber(median(plain) / 1000)} s`,
        },
        {
          name: 'cassette bytes per model call',
          value: bytes / Math.max(1, calls),
          unit: 'B',
          target: null,
          detail: `${formatNumber(bytes / 1024)} KiB for ${calls} calls in ${cells} files: each line holds the whole request (the conversation so far) and its answer`,
        },
      ];
    } finally {
      if (simRunning) await sim.close();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
