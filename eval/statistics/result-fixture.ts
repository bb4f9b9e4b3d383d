// Test support: a case result with plausible defaults, so each test states only what it is about.
import type { CaseResultRecord } from '../../store/index.js';

export function caseResult(overrides: Partial<CaseResultRecord> & Pick<CaseResultRecord, 'caseId' | 'status'>): CaseResultRecord {
  return {
    runId: 'run-test',
    agent: 'react',
    model: 'sim:strong',
    epoch: 1,
    checks: [],
    output: '',
    agentStatus: overrides.status === 'error' ? 'error' : 'completed',
    toolsCalled: [],
    modelCalls: 1,
    toolCalls: 0,
    inputTokens: 100,
    outputTokens: 20,
    latencyMs: 1000,
    seed: 1,
    tags: [],
    startedAt: 0,
    finishedAt: 1000,
    ...overrides,
  };
}
