// A run reproduces cell by cell: every cell gets the same result in a full run, a filtered run and a
// run interrupted and resumed, whatever else the process served. Cells of one case share its seed,
// and two agents may send the very same request (here one module under two names; the pipeline's and
// the supervisor's workers come close), so a simulator that decided faults from what it had already
// served would hand one cell's faults to another.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResultRecord } from '../../store/index.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';

const moduleAgent = fileURLToPath(new URL('../../targets/fixtures/tool-loop-agent.ts', import.meta.url));
let directory: string;
let common: EvaluateOptions;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-reproducible-'));
  const dataset = path.join(directory, 'cases.jsonl');
  const goals = ['Search for the boiling point of water and calculate 17 * 23', 'Calculate 12 * 12', 'Calculate 21 * 2, then calculate 6 * 7', 'Search for the boiling point of water'];
  await writeFile(dataset, goals.map((goal, index) => JSON.stringify({ id: `case-${index + 1}`, goal })).join('\n'));
  common = {
    dataset,
    config: { agents: { 'loop-a': { module: moduleAgent }, 'loop-b': { module: moduleAgent } } },
    agents: ['loop-a', 'loop-b', 'pipeline', 'supervisor'],
    // weak meets transport faults, and retries them, often enough for cells to collide.
    models: ['sim:weak'],
    epochs: 3,
    concurrency: 2,
    latency: 'zero',
    gitCommit: false,
    onWarning: () => undefined,
  };
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Everything about a cell but its ids and times: verdict, checks, answer, trajectory counts, tokens, cost. */
function cells(results: readonly CaseResultRecord[] | undefined): Map<string, unknown> {
  return new Map(
    (results ?? []).map(({ runId, traceId, startedAt, finishedAt, latencyMs, ...cell }) => {
      // Latency checks and reasons quote the wall clock; everything else must be the same.
      const checks = cell.checks.filter((check) => check.check !== 'max_latency_ms');
      return [`${cell.caseId} ${cell.agent} ${cell.model} #${cell.epoch}`, { ...cell, checks }];
    }),
  );
}

describe('a run reproduces cell by cell', () => {
  it('gives every cell of a filtered run and of a resumed run the result the full run gave it', async () => {
    const full = cells((await evaluate({ ...common, store: path.join(directory, 'full.db') })).report.results);
    expect(full.size).toBe(4 * 4 * 3);

    // Without the twin and the pipeline: their requests are never sent.
    const filtered = cells((await evaluate({ ...common, agents: ['loop-b', 'supervisor'], store: path.join(directory, 'filtered.db') })).report.results);
    expect(filtered.size).toBe(full.size / 2);
    for (const [cell, result] of filtered) expect(result, cell).toEqual(full.get(cell));

    // Stopped after the first few cells, then finished with --resume.
    const store = path.join(directory, 'resumed.db');
    const stop = new AbortController();
    let finished = 0;
    const interrupted = await evaluate({ ...common, store, signal: stop.signal, onProgress: (event) => event.type === 'case-end' && ++finished === 5 && stop.abort() });
    expect(interrupted.interrupted).toBe(true);
    const resumed = cells((await evaluate({ ...common, store, resume: interrupted.report.run.id })).report.results);
    expect(resumed).toEqual(full);
  }, 180_000);
});
