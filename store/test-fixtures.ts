// Records, temp folders and PostgreSQL databases for the store's tests: complete records with
// overridable fields, temporary directories removed after each test file, and a database of its own
// on the tests' PostgreSQL server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from './postgres/scratch-database.js';
import type { CaseResultRecord, RunRecord } from './records.js';

export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    startedAt: 1_700_000_000_000,
    status: 'running',
    gitCommit: 'abc123',
    datasetPath: 'datasets/golden.jsonl',
    datasetHash: 'hash-a',
    config: { agents: ['react'], models: ['sim:strong'], epochs: 1, concurrency: 4, seed: 7, caseTimeoutMs: 60_000 },
    plannedResults: 10,
    ...overrides,
  };
}

export function caseResultRecord(overrides: Partial<CaseResultRecord> = {}): CaseResultRecord {
  return {
    runId: 'run-1',
    caseId: 'case-1',
    agent: 'react',
    model: 'sim:strong',
    epoch: 0,
    status: 'pass',
    checks: [{ check: 'tools', passed: true, reason: 'called search then calculator, as expected' }],
    output: 'The answer is 42.',
    agentStatus: 'completed',
    toolsCalled: ['search', 'calculator'],
    modelCalls: 3,
    toolCalls: 2,
    inputTokens: 1_200,
    outputTokens: 80,
    costUsd: 0.0015,
    latencyMs: 812.5,
    traceId: '0af7651916cd43dd8448eb211c80319c',
    seed: 123_456,
    tags: ['math'],
    startedAt: 1_700_000_001_000,
    finishedAt: 1_700_000_001_812,
    ...overrides,
  };
}

/** A fresh temp folder per call; `removeAll` deletes every one made so far. */
export function temporaryDirectories(): { make: () => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const directory = mkdtempSync(join(tmpdir(), 'agentlab-store-'));
      made.push(directory);
      return directory;
    },
    removeAll: () => {
      for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The PostgreSQL server the tests make their databases on: AGENTLAB_TEST_POSTGRES_URL, set by vitest's
 * global setup or `node scripts/test-services.mjs start`. Never skipped: without it this throws the
 * reason the services gave, and the tests that need it fail with it.
 */
export function testPostgresServerUrl(): string {
  const url = process.env.AGENTLAB_TEST_POSTGRES_URL;
  if (url) return url;
  throw new Error(
    `PostgreSQL for these tests is unavailable: ${process.env.AGENTLAB_TEST_POSTGRES_UNAVAILABLE ?? 'AGENTLAB_TEST_POSTGRES_URL is not set'}. ` +
      'Run the tests through vitest.config.ts (its global setup starts one), or `eval "$(node scripts/test-services.mjs start --shell)"` first.',
  );
}

export type TestDatabase = ScratchDatabase;

/** A database of its own on the tests' PostgreSQL server, for one test file; drop() it at the end. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  return createScratchDatabase(testPostgresServerUrl(), prefix);
}
