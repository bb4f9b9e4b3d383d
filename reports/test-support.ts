// Stores and apps for the report server's tests: a temp SQLite store filled by a real small eval on
// the simulator (with its spans), records to insert directly, and a way to read a page's embedded data.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadDataset, runEval } from '../eval/index.js';
import type { EvalOutcome } from '../eval/index.js';
import { ModelProvider } from '../models/index.js';
import { openStore } from '../store/index.js';
import type { CaseResultRecord, RunRecord, Store } from '../store/index.js';
import { normalizingSink, setupTracing } from '../tracing/index.js';
import type { SpanRecord } from '../tracing/index.js';

const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'], tags: ['search'] },
  { id: 'math', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'], tags: ['math'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'], tags: ['search'] },
];

/** A run the fixture made and every result it holds. */
export interface FixtureRun extends EvalOutcome {
  results: CaseResultRecord[];
}

export interface EvalFixture {
  directory: string;
  store: Store;
  datasetPath: string;
  /** Two runs of the same matrix, a day apart, the second newer, with their results. */
  runs: [FixtureRun, FixtureRun];
  cleanUp(): Promise<void>;
}

export interface EvalFixtureOptions {
  /** Default: react. */
  agents?: string[];
  /** Default: sim:oracle and sim:weak. */
  models?: string[];
  /** The first run's seed; the second run uses the next one. Default 3. */
  seed?: number;
  /** When the first run starts; the second starts a day later. Default 2026-01-10 03:00 UTC. */
  firstRunAt?: number;
  /** Record messages and tool arguments on spans, as `--capture-content` does. Default false. */
  captureContent?: boolean;
}

/** Runs the tiny dataset twice (two epochs) into a fresh temp store, spans included. */
export async function evalFixture(options: EvalFixtureOptions = {}): Promise<EvalFixture> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agentlab-reports-'));
  const datasetPath = path.join(directory, 'cases.jsonl');
  await writeFile(datasetPath, cases.map((item) => JSON.stringify(item)).join('\n'));
  const dataset = await loadDataset(datasetPath);
  const store = openStore(path.join(directory, 'agentlab.db'));
  const provider = new ModelProvider({ latency: 'zero' });
  const tracing = setupTracing({ sinks: [normalizingSink(store)], environment: {}, exportDelayMs: 10 });
  let clock = options.firstRunAt ?? Date.UTC(2026, 0, 10, 3, 0);
  const seed = options.seed ?? 3;
  const config = { agents: options.agents ?? ['react'], models: options.models ?? ['sim:oracle', 'sim:weak'], epochs: 2, concurrency: 4, seed, caseTimeoutMs: 20_000 };
  try {
    const captureContent = options.captureContent === true;
    const first = await runEval({ dataset, store, provider, config, tracer: tracing.tracer, captureContent, now: () => clock });
    clock += 86_400_000;
    const second = await runEval({ dataset, store, provider, config: { ...config, seed: seed + 1 }, tracer: tracing.tracer, captureContent, now: () => clock });
    await tracing.forceFlush();
    return {
      directory,
      store,
      datasetPath,
      runs: [{ ...first, results: store.caseResults(first.run.id) }, { ...second, results: store.caseResults(second.run.id) }],
      cleanUp: async () => {
        await tracing.shutdown();
        store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } finally {
    await provider.close();
  }
}

export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-a',
    startedAt: Date.UTC(2026, 0, 10, 3, 0),
    finishedAt: Date.UTC(2026, 0, 10, 3, 5),
    status: 'completed',
    gitCommit: 'abcdef1234567',
    datasetPath: 'datasets/cases.jsonl',
    datasetHash: 'hash-1',
    config: { agents: ['react'], models: ['sim:strong', 'sim:weak'], epochs: 1, concurrency: 4, seed: 1, caseTimeoutMs: 60_000 },
    plannedResults: 2,
    ...overrides,
  };
}

export function caseResult(overrides: Partial<CaseResultRecord> = {}): CaseResultRecord {
  return {
    runId: 'run-a',
    caseId: 'case-1',
    agent: 'react',
    model: 'sim:strong',
    epoch: 1,
    status: 'pass',
    checks: [{ check: 'output_contains', passed: true, reason: 'the answer has "42"' }],
    output: 'The answer is 42.',
    agentStatus: 'completed',
    toolsCalled: ['calculator'],
    modelCalls: 2,
    toolCalls: 1,
    inputTokens: 100,
    outputTokens: 20,
    costUsd: 0.001,
    latencyMs: 120,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    seed: 1,
    tags: [],
    startedAt: Date.UTC(2026, 0, 10, 3, 1),
    finishedAt: Date.UTC(2026, 0, 10, 3, 1, 1),
    ...overrides,
  };
}

export function spanRecord(overrides: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'invoke_agent react',
    kind: 'internal',
    startTimeMs: Date.UTC(2026, 0, 10, 3, 1),
    endTimeMs: Date.UTC(2026, 0, 10, 3, 1) + 100,
    durationMs: 100,
    status: { code: 'unset' },
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'agentlab.run.id': 'run-a', 'agentlab.case.id': 'case-1' },
    events: [],
    serviceName: 'agentlab',
    scope: 'agentlab',
    ...overrides,
  };
}

/** The JSON a page hands its scripts, read the way assets/charts.js reads it. */
export function pageData(html: string): unknown {
  const match = /<script type="application\/json" id="page-data">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('the page has no page-data element');
  return JSON.parse(match[1]!);
}

/** GET as JSON, failing the test with the body when the status is not 200. */
export async function getJson<Body>(app: FastifyInstance, url: string): Promise<Body> {
  const response = await app.inject({ url });
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Body;
}
