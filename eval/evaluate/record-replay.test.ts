// Record and replay (--record / --replay): an eval recorded against a model endpoint of its own (a
// simulator started as a separate HTTP server, reached as a config-defined model with a key) is
// replayed with that endpoint stopped and no key set, and gives the same verdicts cell for cell, for
// every kind of agent: built-in (the openai client), a module (through the model proxy), a module that
// streams, a command in another process, and an agent served over HTTP by another process.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltInTools } from '../../agents/index.js';
import { startSimServer, type RunningSimServer } from '../../models/index.js';
import type { CaseResultRecord } from '../../store/index.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const targetFixtures = fileURLToPath(new URL('../../targets/fixtures/', import.meta.url));
const httpAgentServer = fileURLToPath(new URL('../../examples/agents/http-server/server.mjs', import.meta.url));
const keyVariable = 'LOCAL_SIM_KEY';
const key = 'sk-local-0123456789abcdef';

let directory: string;
let cassettes: string;
let server: RunningSimServer;
let recorded: Awaited<ReturnType<typeof evaluate>>;
let httpAgent: ChildProcess;
let httpAgentUrl: string;

function options(baseURL: string, overrides: Partial<EvaluateOptions> = {}): EvaluateOptions {
  return {
    dataset: path.join(fixtures, 'cases.jsonl'),
    config: { models: { 'local-sim': { baseURL, model: 'weak', apiKeyEnv: keyVariable, prices: { input: 1, output: 2 } } } },
    agents: ['react', `module:${path.join(targetFixtures, 'tool-loop-agent.ts')}`, `module:${path.join(fixtures, 'streaming-agent.ts')}`, `command:node ${path.join(targetFixtures, 'command-agent.mjs')}`, `http:${httpAgentUrl}`],
    models: ['local-sim'],
    epochs: 2,
    concurrency: 4,
    seed: 11,
    latency: 'zero',
    gitCommit: false,
    lessons: false,
    cwd: directory,
    env: { PATH: process.env.PATH, [keyVariable]: key },
    store: path.join(directory, `${Math.random().toString(36).slice(2)}.db`),
    onWarning: () => undefined,
    ...overrides,
  };
}

/** Everything a verdict is made of, per cell: status, checks with their reasons, answer, counts, tokens, cost, latency. */
function verdicts(results: readonly CaseResultRecord[] | undefined): Map<string, unknown> {
  return new Map(
    (results ?? []).map(({ runId, traceId, startedAt, finishedAt, ...cell }) => [`${cell.caseId} ${cell.agent} ${cell.model} #${cell.epoch}`, cell]),
  );
}

async function cassetteFiles(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).filter((entry) => entry.endsWith('.jsonl')).sort();
}

beforeAll(async () => {
  // A replay is exact when the agent's tools answer as they did: the calculator loads mathjs on first
  // use, which on a busy machine can outlast the tool's 10 s limit once, in one run and not the other.
  await createBuiltInTools().find((tool) => tool.name === 'calculator')!.execute({ expression: '1 + 1' }, {} as never);
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-record-replay-'));
  // The example HTTP agent, in a process of its own on a free port: it reaches its model through the proxy URL each case gives it.
  httpAgent = spawn(process.execPath, [httpAgentServer, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(httpAgent.stdout!, 'data')) as [Buffer];
  httpAgentUrl = /(http:\/\/\S+\/run)/.exec(line.toString('utf8'))![1]!;
  cassettes = path.join(directory, 'cassettes');
  // weak meets 429s, 500s and cut-off answers often enough for the recorded faults to matter.
  server = await startSimServer({ latency: 'zero' });
  recorded = await evaluate(options(server.baseURL, { record: cassettes }));
  await server.close();
}, 120_000);
afterAll(async () => {
  httpAgent?.kill();
  await rm(directory, { recursive: true, force: true });
});

describe('record and replay', () => {
  it('records one cassette per cell, with no key in it', async () => {
    const files = await cassetteFiles(cassettes);
    // 2 cases × 5 agents × 1 model × 2 epochs.
    expect(files).toHaveLength(20);
    const texts = await Promise.all(files.map((file) => readFile(path.join(cassettes, file), 'utf8')));
    expect(texts.join('')).not.toContain(key);
    const streamed = texts.filter((text) => text.includes('"stream":true'));
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.join('')).toContain('"events":[');
    expect(recorded.cassettes).toMatchObject({ mode: 'record', cells: 20, replayed: 0 });
    expect(recorded.cassettes!.recorded).toBeGreaterThan(20);
  });

  it('replays with the endpoint stopped and no key: the same verdicts, cell for cell, at no cost', async () => {
    const markdown = path.join(directory, 'replayed.md');
    const replayed = await evaluate(options(server.baseURL, { replay: cassettes, env: { PATH: process.env.PATH }, markdown }));
    const before = verdicts(recorded.report.results);
    expect(before.size).toBe(20);
    expect(verdicts(replayed.report.results)).toEqual(before);
    expect(replayed.cassettes).toMatchObject({ mode: 'replay', recorded: 0, missed: 0, spentCostUsd: 0, replayed: recorded.cassettes!.recorded });
    expect(replayed.cassettes!.recordedCostUsd).toBeGreaterThan(0);
    expect(replayed.cassettes!.recordedCostUsd).toBeCloseTo(recorded.report.overall.costUsd!, 10);
    // The CI summary says it too.
    const summary = await readFile(markdown, 'utf8');
    expect(summary).toContain(`Replayed ${recorded.cassettes!.recorded} model calls from ${cassettes} \\(none sent to an endpoint\\): recorded cost \\$`);
    expect(summary).toContain('spent \\$0.0000.');
  });

  it('refuses a tampered line before any cell runs, naming its file and line', async () => {
    const tampered = path.join(directory, 'tampered');
    await cp(cassettes, tampered, { recursive: true });
    const file = (await cassetteFiles(tampered)).find((entry) => entry.startsWith(`calc${path.sep}react__`))!;
    const lines = (await readFile(path.join(tampered, file), 'utf8')).split('\n');
    const index = lines.findIndex((line) => line.includes('"type":"exchange"'));
    lines[index] = lines[index]!.replace('"outcome":"answered"', '"outcome":"cut_off"');
    await writeFile(path.join(tampered, file), lines.join('\n'));
    const store = path.join(directory, 'tampered.db');
    await expect(evaluate(options(server.baseURL, { replay: tampered, store, env: {} }))).rejects.toThrow(
      `${path.join(tampered, file)}:${index + 1}: the line does not match its digest`,
    );
    await expect(readdir(directory)).resolves.not.toContain('tampered.db');
  });

  it('names every miss of a replay of another matrix as an error, and records nothing', async () => {
    const warnings: string[] = [];
    const other = await evaluate(options(server.baseURL, { replay: cassettes, seed: 12, agents: ['react'], epochs: 1, env: {}, onWarning: (message) => warnings.push(message) }));
    expect(warnings.join('\n')).toContain('were recorded from');
    expect(warnings.join('\n')).toContain('seed 11; this eval runs');
    const results = other.report.results!;
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.status).toBe('error');
      expect(result.error?.code).toBe('cassette_miss');
      expect(result.error?.message).toMatch(/^no recorded answer for POST \/chat\/completions \(model weak, 2 messages, last user: "[^"]+"\), key [0-9a-f]{16}, occurrence 1 in the cell: .* does not hold this request/);
    }
    expect(other.cassettes).toMatchObject({ recorded: 0, missed: 2 });
    expect(await cassetteFiles(cassettes)).toHaveLength(20);
  });

  it('records what is missing with --replay-missing record, then replays it', async () => {
    const added = path.join(directory, 'added');
    await cp(cassettes, added, { recursive: true });
    const again = await startSimServer({ latency: 'zero' });
    let first: Awaited<ReturnType<typeof evaluate>>;
    try {
      first = await evaluate(options(again.baseURL, { replay: added, replayMissing: 'record', epochs: 3 }));
    } finally {
      await again.close();
    }
    // The third epoch was not recorded: its 10 cells went to the endpoint; the first two replayed.
    expect(first.cassettes).toMatchObject({ missed: 0 });
    expect(first.cassettes!.recorded).toBeGreaterThan(10);
    expect(first.cassettes!.replayed).toBe(recorded.cassettes!.recorded);
    expect(await cassetteFiles(added)).toHaveLength(30);
    const second = await evaluate(options(again.baseURL, { replay: added, epochs: 3, env: { PATH: process.env.PATH } }));
    expect(verdicts(second.report.results)).toEqual(verdicts(first.report.results));
    expect(second.cassettes).toMatchObject({ recorded: 0, missed: 0, spentCostUsd: 0 });
  }, 60_000);
});
