// Test support: a synthetic report of 2 models × 2 agents × 3 cases × 2 epochs with passes, fails
// and errors, one failure whose reason and output carry hostile text, and a baseline comparison.
import type { CaseResultRecord, CaseStatus, RunRecord } from '../../store/index.js';
import { compareRuns, groupErrors, summarizeResults } from '../statistics/index.js';
import type { RunReport } from './run-report.js';

/** Markup, quotes, a table pipe, a backtick, and characters XML 1.0 cannot carry (U+0001, a lone surrogate). */
export const HOSTILE_REASON = `expected "42" in the output; got <script>alert(1)</script> & "quotes" | 'pipe' \`code\``;
export const HOSTILE_OUTPUT = `<script>alert(1)</script>\u0001\uD800 ]]> done`;

// [model, agent, case] → statuses of epochs 1 and 2
const STATUSES: Array<[string, string, string, CaseStatus, CaseStatus]> = [
  ['sim:strong', 'react', 'c1', 'pass', 'pass'],
  ['sim:strong', 'react', 'c2', 'pass', 'fail'],
  ['sim:strong', 'react', 'c3', 'pass', 'pass'],
  ['sim:strong', 'plan', 'c1', 'pass', 'pass'],
  ['sim:strong', 'plan', 'c2', 'fail', 'fail'],
  ['sim:strong', 'plan', 'c3', 'fail', 'pass'],
  ['sim:weak', 'react', 'c1', 'fail', 'pass'],
  ['sim:weak', 'react', 'c2', 'fail', 'fail'],
  ['sim:weak', 'react', 'c3', 'error', 'error'],
  ['sim:weak', 'plan', 'c1', 'pass', 'pass'],
  ['sim:weak', 'plan', 'c2', 'pass', 'pass'],
  ['sim:weak', 'plan', 'c3', 'fail', 'pass'],
];

function result(runId: string, model: string, agent: string, caseId: string, epoch: number, status: CaseStatus): CaseResultRecord {
  const hostile = model === 'sim:weak' && agent === 'react' && caseId === 'c1' && epoch === 1;
  const checks =
    status === 'fail'
      ? [
          { check: 'tools', passed: true, reason: 'called search_web in order' },
          { check: 'output_contains', passed: false, reason: hostile ? HOSTILE_REASON : `expected "answer" in the output of ${caseId}` },
        ]
      : status === 'pass'
        ? [{ check: 'output_contains', passed: true, reason: 'found "answer"' }]
        : [];
  return {
    runId,
    caseId,
    agent,
    model,
    epoch,
    status,
    checks,
    output: hostile ? HOSTILE_OUTPUT : status === 'error' ? '' : 'the answer',
    agentStatus: status === 'error' ? 'error' : 'completed',
    ...(status === 'error' ? { error: { code: 'AGENTLAB_MODEL_UNAVAILABLE', message: 'endpoint returned 503 <html>' } } : {}),
    toolsCalled: ['search_web'],
    modelCalls: 2,
    toolCalls: 1,
    inputTokens: 100,
    outputTokens: 50,
    ...(model === 'sim:strong' ? { costUsd: 0.002 } : {}),
    latencyMs: status === 'error' ? 200 : 1500,
    traceId: `trace-${model.slice(4)}-${agent}-${caseId}-${epoch}`,
    seed: epoch,
    tags: [],
    startedAt: 1_764_000_000_000,
    finishedAt: 1_764_000_001_500,
  };
}

function resultsOf(runId: string, statusOf: (status: CaseStatus) => CaseStatus): CaseResultRecord[] {
  return STATUSES.flatMap(([model, agent, caseId, first, second]) => [
    result(runId, model, agent, caseId, 1, statusOf(first)),
    result(runId, model, agent, caseId, 2, statusOf(second)),
  ]);
}

export function syntheticReport(): RunReport {
  const run: RunRecord = {
    id: 'run-20251124-0300-abcdef',
    startedAt: 1_764_000_000_000,
    finishedAt: 1_764_000_060_000,
    status: 'completed',
    gitCommit: '0123456789abcdef',
    datasetPath: 'datasets/golden/agent-tasks.jsonl',
    datasetHash: 'f'.repeat(64),
    config: { agents: ['react', 'plan'], models: ['sim:strong', 'sim:weak'], epochs: 2, concurrency: 4, seed: 1, caseTimeoutMs: 120_000 },
    plannedResults: 24,
  };
  const results = resultsOf(run.id, (status) => status);
  // The baseline passed everything the new run graded: 8 fails are 8 regressions, the 2 errors are left out.
  const baseline = resultsOf('run-baseline', () => 'pass');
  const { groups, overall } = summarizeResults(results);
  return {
    run,
    results,
    groups,
    overall,
    errorGroups: groupErrors(results),
    comparison: { baselineRunId: 'run-baseline', result: compareRuns(baseline, results) },
    gates: [
      { gate: 'min-success', passed: false, detail: 'success rate 63.6% (minimum 80.0%)' },
      { gate: 'no-regression', passed: false, detail: 'against run-baseline: regressed (p = 0.00781)' },
    ],
  };
}

/** The synthetic report as an eval with --confidence-threshold 0.85 makes it: passes rated 0.9, failures 0.6 (escalated), errors unrated. */
export function ratedReport(): RunReport {
  const report = syntheticReport();
  return {
    ...report,
    run: { ...report.run, config: { ...report.run.config, confidence: { threshold: 0.85 } } },
    results: report.results.map((result) => (result.status === 'error' ? result : { ...result, confidence: result.status === 'pass' ? 0.9 : 0.6, escalated: result.status !== 'pass' })),
  };
}
