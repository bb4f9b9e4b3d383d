// The verdicts the trace and case pages show: a trace finds its own result among a case's epochs, a
// case page gets the reasons of its unpassed results, and a case's definition comes from the newest
// run whose dataset recorded one.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';

const opened: Store[] = [];

function open(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const failedCheck = { check: 'tools', passed: false, reason: 'expected search_web; calls were: (none)' };

describe('the result of a trace', () => {
  it('is the one of the run and case that recorded this trace, whichever epoch it was', () => {
    const store = open();
    store.createRun(runRecord());
    store.addCaseResult(caseResultRecord({ epoch: 0, traceId: 'trace-0' }));
    store.addCaseResult(caseResultRecord({ epoch: 1, traceId: 'trace-1', status: 'fail', checks: [failedCheck] }));
    store.addCaseResult(caseResultRecord({ epoch: 1, model: 'sim:weak', traceId: 'trace-2' }));
    const result = store.traceCaseResult({ runId: 'run-1', caseId: 'case-1', traceId: 'trace-1', epoch: 1 });
    expect(result).toMatchObject({ epoch: 1, model: 'sim:strong', status: 'fail', checks: [failedCheck] });
    expect(store.traceCaseResult({ runId: 'run-1', caseId: 'case-2', traceId: 'trace-1' })).toBeUndefined();
  });

  it('falls back to the untraced result of the epoch and agent the spans name, when exactly one fits', () => {
    const store = open();
    store.createRun(runRecord());
    const { traceId: _traceId, ...untraced } = caseResultRecord({ epoch: 2, agent: 'pipeline' });
    store.addCaseResult(untraced);
    store.addCaseResult({ ...untraced, agent: 'react' });
    expect(store.traceCaseResult({ runId: 'run-1', caseId: 'case-1', traceId: 'elsewhere', epoch: 2, agent: 'pipeline' })?.agent).toBe('pipeline');
    // Two untraced results of the epoch and no agent to choose between them: none is claimed.
    expect(store.traceCaseResult({ runId: 'run-1', caseId: 'case-1', traceId: 'elsewhere', epoch: 2 })).toBeUndefined();
  });
});

describe('unpassed verdicts of a case', () => {
  it('lists the failed and errored results of the given runs only, with their checks and errors', () => {
    const store = open();
    for (const id of ['run-1', 'run-2', 'run-3']) store.createRun(runRecord({ id }));
    store.addCaseResult(caseResultRecord({ runId: 'run-1', status: 'fail', checks: [failedCheck] }));
    store.addCaseResult(caseResultRecord({ runId: 'run-1', epoch: 1 }));
    store.addCaseResult(caseResultRecord({ runId: 'run-2', status: 'error', checks: [], error: { code: 'model_call_failed', message: '429' } }));
    store.addCaseResult(caseResultRecord({ runId: 'run-3', status: 'fail', checks: [failedCheck] }));
    store.addCaseResult(caseResultRecord({ runId: 'run-1', caseId: 'case-2', status: 'fail' }));
    const verdicts = store.unpassedCaseVerdicts('case-1', ['run-1', 'run-2']);
    expect(verdicts).toEqual([
      { runId: 'run-1', agent: 'react', model: 'sim:strong', epoch: 0, status: 'fail', checks: [failedCheck], traceId: '0af7651916cd43dd8448eb211c80319c' },
      { runId: 'run-2', agent: 'react', model: 'sim:strong', epoch: 0, status: 'error', checks: [], error: { code: 'model_call_failed', message: '429' }, traceId: '0af7651916cd43dd8448eb211c80319c' },
    ]);
    expect(store.unpassedCaseVerdicts('case-1', [])).toEqual([]);
  });
});

describe('the newest definition of a case', () => {
  it('comes from the newest run with a result of the case whose dataset recorded it', () => {
    const store = open();
    store.createRun(runRecord({ id: 'old', startedAt: 1_000, datasetHash: 'hash-old' }));
    store.createRun(runRecord({ id: 'middle', startedAt: 2_000, datasetHash: 'hash-middle' }));
    store.createRun(runRecord({ id: 'newest', startedAt: 3_000, datasetHash: 'hash-unrecorded' }));
    store.createRun(runRecord({ id: 'other-case', startedAt: 4_000, datasetHash: 'hash-other' }));
    store.recordDatasetCases('hash-old', [{ id: 'case-1', goal: 'old goal' }]);
    store.recordDatasetCases('hash-middle', [{ id: 'case-1', goal: 'newer goal' }]);
    store.recordDatasetCases('hash-other', [{ id: 'case-1', goal: 'a run without this case' }]);
    for (const runId of ['old', 'middle', 'newest']) store.addCaseResult(caseResultRecord({ runId }));
    store.addCaseResult(caseResultRecord({ runId: 'other-case', caseId: 'case-2' }));
    expect(store.newestCaseDefinition('case-1')).toEqual({ runId: 'middle', definition: { id: 'case-1', goal: 'newer goal' } });
    expect(store.newestCaseDefinition('case-9')).toBeUndefined();
  });
});
