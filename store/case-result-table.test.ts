// Case results: one per matrix cell (re-adding replaces), read back whole, filtered, keyed for
// resume, and followed across runs as a case's history.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { caseResultKey } from './records.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
let store: Store;

beforeEach(() => {
  store = openStore(join(directories.make(), 'agentlab.db'));
  store.createRun(runRecord());
});

afterEach(() => {
  store.close();
  directories.removeAll();
});

describe('case results', () => {
  it('are read back whole, with optional fields absent when they were absent', () => {
    const full = caseResultRecord({ status: 'error', error: { code: 'AGENTLAB_MODEL_UNAVAILABLE', message: 'connection refused' }, checks: [] });
    const { costUsd: _costUsd, traceId: _traceId, ...bare } = caseResultRecord({ caseId: 'case-2' });
    store.addCaseResult(full);
    store.addCaseResult(bare);
    const [first, second] = store.caseResults('run-1');
    expect(first).toEqual(full);
    expect(second).toEqual(bare);
    expect('costUsd' in second! || 'traceId' in second! || 'error' in second!).toBe(false);
  });

  it('are read as outcomes, the fields statistics need and nothing else, in the same order', () => {
    const full = caseResultRecord({ caseId: 'case-b', costUsd: 0.25 });
    const { costUsd: _costUsd, ...unpriced } = caseResultRecord({ caseId: 'case-a', status: 'fail' });
    store.addCaseResult(full);
    store.addCaseResult(unpriced);
    expect(store.caseOutcomes('run-1')).toEqual([
      { caseId: 'case-a', agent: unpriced.agent, model: unpriced.model, epoch: unpriced.epoch, status: 'fail', inputTokens: unpriced.inputTokens, outputTokens: unpriced.outputTokens, latencyMs: unpriced.latencyMs },
      { caseId: 'case-b', agent: full.agent, model: full.model, epoch: full.epoch, status: full.status, inputTokens: full.inputTokens, outputTokens: full.outputTokens, costUsd: 0.25, latencyMs: full.latencyMs },
    ]);
  });

  it("keep an answer's confidence rating and whether it was escalated, in the results and the outcomes", () => {
    store.addCaseResult(caseResultRecord({ caseId: 'rated-low', status: 'fail', confidence: 0.25, escalated: true }));
    store.addCaseResult(caseResultRecord({ caseId: 'rated-high', confidence: 0.95, escalated: false }));
    store.addCaseResult(caseResultRecord({ caseId: 'unrated' }));
    const byCase = new Map(store.caseResults('run-1').map((result) => [result.caseId, result]));
    expect(byCase.get('rated-low')).toMatchObject({ confidence: 0.25, escalated: true });
    expect(byCase.get('rated-high')).toMatchObject({ confidence: 0.95, escalated: false });
    expect('confidence' in byCase.get('unrated')! || 'escalated' in byCase.get('unrated')!).toBe(false);
    expect(store.caseOutcomes('run-1').map((outcome) => [outcome.caseId, outcome.confidence, outcome.escalated])).toEqual([
      ['rated-high', 0.95, false],
      ['rated-low', 0.25, true],
      ['unrated', undefined, undefined],
    ]);
  });

  it('keep one result per run, case, agent, model and epoch: re-adding replaces it', () => {
    store.addCaseResult(caseResultRecord({ status: 'error', output: '' }));
    store.flush();
    store.addCaseResult(caseResultRecord({ epoch: 1 }));
    store.addCaseResult(caseResultRecord({ status: 'pass', output: 'retried' }));
    const results = store.caseResults('run-1');
    expect(results.map((result) => [result.epoch, result.status, result.output])).toEqual([
      [0, 'pass', 'retried'],
      [1, 'pass', 'The answer is 42.'],
    ]);
  });

  it('are not stored for a run that does not exist', () => {
    let code: string | undefined;
    try {
      store.addCaseResult(caseResultRecord({ runId: 'no-such-run' }));
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('AGENTLAB_RUN_NOT_FOUND');
    store.flush();
    expect(store.caseResults('no-such-run')).toEqual([]);
  });

  it('are ordered by case id, agent, model and epoch and filtered by status, case, agent and model', () => {
    store.createRun(runRecord({ id: 'run-2' }));
    const cells: Array<[string, string, string, number, 'pass' | 'fail' | 'error']> = [
      ['case-b', 'react', 'sim:weak', 1, 'fail'],
      ['case-a', 'react', 'sim:weak', 0, 'pass'],
      ['case-b', 'plan', 'sim:strong', 0, 'pass'],
      ['case-a', 'react', 'sim:strong', 0, 'error'],
      ['case-b', 'react', 'sim:weak', 0, 'pass'],
    ];
    for (const [caseId, agent, model, epoch, status] of cells) store.addCaseResult(caseResultRecord({ caseId, agent, model, epoch, status }));
    store.addCaseResult(caseResultRecord({ runId: 'run-2', caseId: 'case-a' }));

    const cellNames = (results: Array<{ caseId: string; agent: string; model: string; epoch: number }>): string[] =>
      results.map((result) => `${result.caseId} ${result.agent} ${result.model} ${result.epoch}`);
    expect(cellNames(store.caseResults('run-1'))).toEqual([
      'case-a react sim:strong 0',
      'case-a react sim:weak 0',
      'case-b plan sim:strong 0',
      'case-b react sim:weak 0',
      'case-b react sim:weak 1',
    ]);
    expect(cellNames(store.caseResults('run-1', { status: 'pass' }))).toEqual(['case-a react sim:weak 0', 'case-b plan sim:strong 0', 'case-b react sim:weak 0']);
    expect(cellNames(store.caseResults('run-1', { caseId: 'case-b', agent: 'react' }))).toEqual(['case-b react sim:weak 0', 'case-b react sim:weak 1']);
    expect(cellNames(store.caseResults('run-1', { model: 'sim:strong' }))).toEqual(['case-a react sim:strong 0', 'case-b plan sim:strong 0']);
    expect(store.caseResults('run-1', { status: 'fail', model: 'sim:strong' })).toEqual([]);
    expect(store.caseResults('run-2')).toHaveLength(1);
  });

  it('give the keys a resume skips, for every result the run holds', () => {
    store.createRun(runRecord({ id: 'run-2' }));
    const done = [caseResultRecord(), caseResultRecord({ epoch: 1, status: 'error' }), caseResultRecord({ caseId: 'case-2', agent: 'plan' })];
    for (const result of done) store.addCaseResult(result);
    store.addCaseResult(caseResultRecord({ runId: 'run-2', caseId: 'case-9' }));
    expect(store.completedKeys('run-1')).toEqual(new Set(done.map(caseResultKey)));
    expect(store.completedKeys('run-3')).toEqual(new Set());
  });
});

describe('caseHistory', () => {
  beforeEach(() => {
    const runs = [
      { id: 'monday', startedAt: 1_000, gitCommit: 'c1' },
      { id: 'tuesday', startedAt: 2_000, gitCommit: 'c2' },
      { id: 'wednesday', startedAt: 3_000, gitCommit: 'c3' },
    ];
    for (const [index, run] of runs.entries()) {
      store.createRun(runRecord(run));
      store.addCaseResult(caseResultRecord({ runId: run.id, status: index === 1 ? 'fail' : 'pass', startedAt: run.startedAt + 10 }));
      store.addCaseResult(caseResultRecord({ runId: run.id, model: 'sim:weak', startedAt: run.startedAt + 20 }));
      store.addCaseResult(caseResultRecord({ runId: run.id, caseId: 'other-case', startedAt: run.startedAt + 30 }));
    }
    store.finishRun('wednesday', 'completed', 3_500);
  });

  it('follows one case across runs, newest first, with each run it came from', () => {
    const history = store.caseHistory('case-1');
    expect(history.map((entry) => `${entry.runId} ${entry.model}`)).toEqual([
      'wednesday sim:weak',
      'wednesday sim:strong',
      'tuesday sim:weak',
      'tuesday sim:strong',
      'monday sim:weak',
      'monday sim:strong',
    ]);
    expect(history[0]).toMatchObject({ runStartedAt: 3_000, runStatus: 'completed', runGitCommit: 'c3', caseId: 'case-1' });
    expect(history[2]).toMatchObject({ runStartedAt: 2_000, runStatus: 'running', runGitCommit: 'c2' });
  });

  it('is narrowed by model and agent and limited', () => {
    const strong = store.caseHistory('case-1', { model: 'sim:strong' });
    expect(strong.map((entry) => [entry.runId, entry.status])).toEqual([
      ['wednesday', 'pass'],
      ['tuesday', 'fail'],
      ['monday', 'pass'],
    ]);
    expect(store.caseHistory('case-1', { model: 'sim:strong', limit: 2 }).map((entry) => entry.runId)).toEqual(['wednesday', 'tuesday']);
    expect(store.caseHistory('case-1', { agent: 'plan' })).toEqual([]);
    expect(store.caseHistory('missing-case')).toEqual([]);
  });
});
