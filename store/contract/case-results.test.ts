// The contract of case results on every backend: buffered and written in batches that reads flush,
// one result per cell (a cell added again replaces it, and its run's totals move rather than double),
// the light outcomes statistics read, the keys a resume skips, a case's history, and dataset cases.
import { expect, it } from 'vitest';
import { caseResultKey } from '../records.js';
import { caseResultRecord, runRecord } from '../test-fixtures.js';
import { forEachBackend } from './contract-suite.js';

forEachBackend((context) => {
  it('reads back every field of a result, optional ones absent, in case, agent, model and epoch order', async () => {
    const { store } = context;
    await store.createRun(runRecord());
    const full = caseResultRecord({ caseId: 'b', confidence: 0.25, escalated: true, error: { code: 'E_X', message: 'boom' }, status: 'error' });
    const { costUsd: _cost, traceId: _trace, ...bare } = caseResultRecord({ caseId: 'a', epoch: 1, output: 'ünïcode ✓ "quotes"', tags: [] });
    await store.addCaseResult(full);
    await store.addCaseResult(bare);
    await store.addCaseResult(caseResultRecord({ caseId: 'a', epoch: 0, agent: 'react' }));
    await store.addCaseResult(caseResultRecord({ caseId: 'a', epoch: 0, agent: 'plan' }));
    const results = await store.caseResults('run-1');
    expect(results.map((result) => `${result.caseId}/${result.agent}/${result.epoch}`)).toEqual(['a/plan/0', 'a/react/0', 'a/react/1', 'b/react/0']);
    expect(results[3]).toEqual(full);
    expect(results[2]).toEqual(bare);
    expect('costUsd' in results[2]!).toBe(false);
    expect('confidence' in results[2]!).toBe(false);
    expect(await store.caseResults('run-1', { status: 'error' })).toEqual([full]);
    expect((await store.caseResults('run-1', { caseId: 'a', agent: 'plan' })).length).toBe(1);
  });

  it('writes in batches another store sees once flushed, and refuses a result for an unknown run', async () => {
    const writer = await context.open({ batchSize: 3, flushDelayMs: 60_000 });
    await writer.createRun(runRecord());
    await writer.addCaseResult(caseResultRecord({ caseId: 'c1' }));
    await writer.addCaseResult(caseResultRecord({ caseId: 'c2' }));
    expect(await context.store.caseResults('run-1')).toEqual([]);
    await writer.addCaseResult(caseResultRecord({ caseId: 'c3' }));
    expect((await context.store.caseResults('run-1')).length).toBe(3);
    await writer.addCaseResult(caseResultRecord({ caseId: 'c4' }));
    await writer.flush();
    expect((await context.store.caseResults('run-1')).length).toBe(4);
    const refused = await writer.addCaseResult(caseResultRecord({ runId: 'no-run' })).catch((error: { code?: string }) => error.code);
    expect(refused).toBe('AGENTLAB_RUN_NOT_FOUND');
  });

  it('keeps one result per cell: the last added replaces it, and the run totals count it once', async () => {
    const { store } = context;
    await store.createRun(runRecord());
    await store.addCaseResult(caseResultRecord({ status: 'fail', costUsd: 1, inputTokens: 10 }));
    await store.addCaseResult(caseResultRecord({ status: 'pass', costUsd: 2, inputTokens: 20 }));
    await store.flush();
    await store.addCaseResult(caseResultRecord({ status: 'error', costUsd: undefined, inputTokens: 30 }));
    await store.addCaseResult(caseResultRecord({ caseId: 'other', status: 'pass', costUsd: 0.5, inputTokens: 5 }));
    const results = await store.caseResults('run-1');
    expect(results.map((result) => [result.caseId, result.status])).toEqual([['case-1', 'error'], ['other', 'pass']]);
    expect(await store.runGroupTotals('run-1')).toEqual([
      { model: 'sim:strong', agent: 'react', results: 2, passed: 1, failed: 0, errors: 1, inputTokens: 35, outputTokens: 160, costUsd: 0.5, pricedResults: 1, pricedPasses: 1, latencyMs: 1625 },
    ]);
  });

  it('gives the light outcomes and the completed keys of a run', async () => {
    const { store } = context;
    await store.createRun(runRecord());
    await store.addCaseResult(caseResultRecord({ caseId: 'x', epoch: 1, confidence: 0.9, escalated: false }));
    await store.addCaseResult(caseResultRecord({ caseId: 'x', epoch: 0, costUsd: undefined, status: 'fail' }));
    expect(await store.caseOutcomes('run-1')).toEqual([
      { caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 0, status: 'fail', inputTokens: 1200, outputTokens: 80, latencyMs: 812.5 },
      { caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 1, status: 'pass', inputTokens: 1200, outputTokens: 80, costUsd: 0.0015, latencyMs: 812.5, confidence: 0.9, escalated: false },
    ]);
    const keys = await store.completedKeys('run-1');
    expect(keys).toEqual(new Set([caseResultKey({ caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 0 }), caseResultKey({ caseId: 'x', agent: 'react', model: 'sim:strong', epoch: 1 })]));
    expect(await store.completedKeys('no-run')).toEqual(new Set());
  });

  it("gives a case's history newest first with its runs, filtered and limited", async () => {
    const { store } = context;
    await store.createRun(runRecord({ id: 'old', startedAt: 1_000 }));
    await store.createRun(runRecord({ id: 'new', startedAt: 2_000, gitCommit: undefined }));
    await store.finishRun('old', 'completed', 1_500);
    await store.addCaseResult(caseResultRecord({ runId: 'old', startedAt: 1_100 }));
    await store.addCaseResult(caseResultRecord({ runId: 'new', startedAt: 2_100 }));
    await store.addCaseResult(caseResultRecord({ runId: 'new', startedAt: 2_200, model: 'sim:weak' }));
    await store.addCaseResult(caseResultRecord({ runId: 'new', caseId: 'elsewhere', startedAt: 2_300 }));
    const history = await store.caseHistory('case-1');
    expect(history.map((entry) => [entry.runId, entry.model, entry.runStatus, entry.runStartedAt])).toEqual([
      ['new', 'sim:weak', 'running', 2_000],
      ['new', 'sim:strong', 'running', 2_000],
      ['old', 'sim:strong', 'completed', 1_000],
    ]);
    expect(history[2]?.runGitCommit).toBe('abc123');
    expect('runGitCommit' in history[0]!).toBe(false);
    expect((await store.caseHistory('case-1', { model: 'sim:strong', limit: 1 })).map((entry) => entry.runId)).toEqual(['new']);
  });

  it('keeps a dataset\'s case definitions once per hash', async () => {
    const { store } = context;
    const first = [{ id: 'a', goal: 'find it', expected_tools: ['search'] }, { id: 'b', goal: 'compute', max_steps: 3 }];
    await store.recordDatasetCases('hash-1', first);
    await store.recordDatasetCases('hash-1', [{ id: 'a', goal: 'changed' }, { id: 'c', goal: 'new' }]);
    expect(await store.datasetCase('hash-1', 'a')).toEqual(first[0]);
    expect(await store.datasetCase('hash-1', 'c')).toBeUndefined();
    expect(await store.datasetCase('hash-2', 'a')).toBeUndefined();
    const many = await store.datasetCases('hash-1', ['b', 'a', 'a', 'missing']);
    expect([...many.keys()].sort()).toEqual(['a', 'b']);
    expect(many.get('b')).toEqual(first[1]);
    expect((await store.datasetCases('hash-1', [])).size).toBe(0);
  });
});

forEachBackend((context) => {
  it('loses and duplicates nothing when several stores write into one run at once, the same cells included', async () => {
    const writers = await Promise.all(Array.from({ length: 4 }, () => context.open({ batchSize: 7, flushDelayMs: 60_000 })));
    await context.store.createRun(runRecord());
    const models = ['sim:strong', 'sim:weak', 'sim:flaky'];
    // Each writer adds 60 cells of its own over three models, and the same 10 shared cells in its own order.
    await Promise.all(writers.map(async (writer, index) => {
      const own = Array.from({ length: 60 }, (_, cell) => caseResultRecord({ caseId: `w${index}-c${cell}`, model: models[cell % 3]!, status: cell % 4 === 0 ? 'fail' : 'pass' }));
      const shared = Array.from({ length: 10 }, (_, cell) => caseResultRecord({ caseId: `shared-${cell}`, model: models[cell % 3]! }));
      for (const result of index % 2 === 0 ? [...own, ...shared] : [...shared.reverse(), ...own]) await writer.addCaseResult(result);
      await writer.flush();
    }));
    const results = await context.store.caseResults('run-1');
    expect(results.length).toBe(4 * 60 + 10);
    expect(new Set(results.map((result) => `${result.caseId}/${result.model}`)).size).toBe(250);
    const totals = await context.store.runGroupTotals('run-1');
    expect(totals.map((group) => [group.model, group.results, group.failed])).toEqual([
      ['sim:flaky', 83, 20],
      ['sim:strong', 84, 20],
      ['sim:weak', 83, 20],
    ]);
  });
});
