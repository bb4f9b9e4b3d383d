// Benchmark: SHARDS `agentlab eval --shard i/SHARDS --run-id <id> --store postgres://…` processes (the
// built command, started together as a CI matrix's jobs would be) writing one run into one PostgreSQL
// database, against one simulator process. Afterwards the database is read with plain SQL: the planned
// cells against the stored (case, agent, model, epoch) keys and their rows give results lost and
// duplicated (targets 0), and the run must read completed once every shard has finished. Wall time
// (first spawn to last exit) and results per second inform.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Benchmark, Figure } from '../harness/index.js';
import { agentlabCommand, freshPostgresDatabase, runMeasuredProcess, startSimProcess } from '../processes/index.js';
import type { ProcessMeasurement, SimProcess } from '../processes/index.js';
import { replyCases, writeReplyDataset } from '../workloads/index.js';
import { AGENT, CASES, CONCURRENCY_PER_SHARD, EPOCHS, MODEL, SHARDS, SHARDS_TIMEOUT_MS, SIM_LATENCY } from './constants.js';
import { cellKey, countStoredRun } from './stored-run-count.js';

const runId = 'bench-postgres-writers';

function shardArguments(dataset: string, index: number, databaseUrl: string): string[] {
  return [
    ...agentlabCommand.args,
    'eval',
    dataset,
    '--agents',
    AGENT,
    '--models',
    MODEL,
    '--epochs',
    String(EPOCHS),
    '--concurrency',
    String(CONCURRENCY_PER_SHARD),
    '--shard',
    `${index}/${SHARDS}`,
    '--run-id',
    runId,
    '--store',
    databaseUrl,
    '-q',
  ];
}

function plannedCells(): Set<string> {
  const cells = new Set<string>();
  for (const replyCase of replyCases(CASES)) for (let epoch = 1; epoch <= EPOCHS; epoch++) cells.add(cellKey(replyCase.id, AGENT, MODEL, epoch));
  return cells;
}

function failedShards(exits: readonly ProcessMeasurement[]): string[] {
  return exits.flatMap((exit, index) => (exit.exitCode === 0 ? [] : [`shard ${index + 1}/${SHARDS} exited ${String(exit.exitCode)}: ${(exit.stderr || exit.stdout).trim().slice(-600)}`]));
}

export const postgresWriters: Benchmark = {
  name: 'postgres-writers',
  description: `${SHARDS} agentlab eval --shard processes writing one run (${CASES} cases × ${EPOCHS} epochs) into one PostgreSQL database: results lost, duplicated, run completed`,
  async run(context): Promise<Figure[]> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-postgres-writers-'));
    const database = await freshPostgresDatabase('postgres writers', context.log);
    let sim: SimProcess | undefined;
    try {
      sim = await startSimProcess({ latency: SIM_LATENCY });
      const dataset = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(dataset, CASES);
      const env = { ...process.env, OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'sk-bench', NO_COLOR: '1' };
      const cells = plannedCells();
      context.log(`postgres writers: ${SHARDS} shard processes, ${cells.size.toLocaleString('en-US')} cells, concurrency ${CONCURRENCY_PER_SHARD} each, into ${database.url.replace(/\/\/[^@/]*@/, '//')}`);
      const started = performance.now();
      const exits = await Promise.all(
        Array.from({ length: SHARDS }, (_, offset) => runMeasuredProcess(agentlabCommand.command, shardArguments(dataset, offset + 1, database.url), { cwd: folder, env, timeoutMs: SHARDS_TIMEOUT_MS })),
      );
      const wallMs = performance.now() - started;
      const failures = failedShards(exits);
      if (failures.length > 0) throw new Error(`${failures.length} of ${SHARDS} shards failed:\n${failures.join('\n')}`);
      const stored = await countStoredRun(database.url, runId, cells);
      context.log(`postgres writers: ${SHARDS} shards done in ${(wallMs / 1000).toFixed(1)} s; ${stored.rows} rows, ${stored.distinctKeys} keys, run ${stored.status ?? 'missing'}`);
      if (stored.totalsResults !== stored.rows) throw new Error(`run_group_totals counts ${stored.totalsResults} results where case_results holds ${stored.rows} rows`);
      if (stored.dayTotalsTraces !== stored.databaseTraces) throw new Error(`trace_day_totals counts ${stored.dayTotalsTraces} traces where traces holds ${stored.databaseTraces}`);
      const counted = `${cells.size.toLocaleString('en-US')} planned cells; ${stored.rows.toLocaleString('en-US')} rows, ${stored.distinctKeys.toLocaleString('en-US')} distinct (case, agent, model, epoch) keys in case_results, read with SQL after the ${SHARDS} processes exited`;
      const slowest = Math.max(...exits.map((exit) => exit.wallMs));
      return [
        { name: `${SHARDS} PostgreSQL writers: results lost`, value: stored.lost, unit: '', target: { comparison: '<=', value: 0 }, detail: counted },
        {
          name: `${SHARDS} PostgreSQL writers: results duplicated`,
          value: stored.duplicated,
          unit: '',
          target: { comparison: '<=', value: 0 },
          detail: `rows beyond one per planned cell; run_group_totals counts ${stored.totalsResults.toLocaleString('en-US')} results (${stored.totalsPassed.toLocaleString('en-US')} passed), traces ${stored.traces.toLocaleString('en-US')} (trace_day_totals counts ${stored.dayTotalsTraces.toLocaleString('en-US')})`,
        },
        {
          name: `${SHARDS} PostgreSQL writers: run completed`,
          value: stored.status === 'completed' && stored.shardsCompleted === SHARDS ? 1 : 0,
          unit: '',
          target: { comparison: '>=', value: 1 },
          detail: `1 when the run reads completed and all ${SHARDS} shards completed once every process exited: run ${stored.status ?? 'missing'}, ${stored.shardsCompleted}/${SHARDS} shards completed`,
        },
        {
          name: `${SHARDS} PostgreSQL writers: wall time`,
          value: wallMs / 1000,
          unit: 's',
          target: null,
          detail: `first spawn to last exit, start-up of ${SHARDS} processes included; slowest shard ${(slowest / 1000).toFixed(1)} s; simulator latency ${SIM_LATENCY}`,
        },
        {
          name: `${SHARDS} PostgreSQL writers: results per second`,
          value: stored.rows / (wallMs / 1000),
          unit: 'results/s',
          target: null,
          detail: `every result with its spans written by ${SHARDS} processes at once over the wall time; CPU of the shard processes ${(exits.reduce((sum, exit) => sum + exit.cpuMs, 0) / 1000).toFixed(1)} s in all`,
        },
      ];
    } finally {
      await sim?.close();
      await database.drop();
      await rm(folder, { recursive: true, force: true });
    }
  },
};
