// Records and temp folders for the store's tests: complete records with overridable fields, and
// temporary directories removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
