// The store as the runner and the report server use it: batched case results that survive close
// and reopen, two connections on one file seeing each other's commits, and a clear error after close.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeSpans, type NormalizedSpanWriter } from '../tracing/index.js';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];

function open(path: string, options?: Parameters<typeof openStore>[1]): Store {
  const store = openStore(path, options);
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

function thousandResults(): ReturnType<typeof caseResultRecord>[] {
  return Array.from({ length: 1_000 }, (_, index) => caseResultRecord({ caseId: `case-${String(index % 250).padStart(3, '0')}`, epoch: Math.floor(index / 250) }));
}

describe('Store', () => {
  it('is a NormalizedSpanWriter the normalising sink writes to', () => {
    const writer: NormalizedSpanWriter = open(':memory:');
    expect(typeof writer.writeSpans).toBe('function');
  });

  it('has every one of 1,000 batched results after flush', () => {
    const store = open(join(directories.make(), 'agentlab.db'));
    store.createRun(runRecord());
    for (const result of thousandResults()) store.addCaseResult(result);
    store.flush();
    expect(store.caseResults('run-1')).toHaveLength(1_000);
  });

  it('loses none of 1,000 results on close: a reopened store has them all', () => {
    const path = join(directories.make(), 'agentlab.db');
    const writer = openStore(path);
    writer.createRun(runRecord());
    // 1,000 is not a multiple of the batch size, so the last results are still buffered at close.
    for (const result of thousandResults()) writer.addCaseResult(result);
    writer.close();

    const reader = open(path);
    const results = reader.caseResults('run-1');
    expect(results).toHaveLength(1_000);
    expect(reader.completedKeys('run-1').size).toBe(1_000);
    expect(results[0]).toEqual(caseResultRecord({ caseId: 'case-000', epoch: 0 }));
  });

  it('writes buffered results within the flush delay, where another connection sees them', async () => {
    const path = join(directories.make(), 'agentlab.db');
    const runner = open(path, { batchSize: 100, flushDelayMs: 20 });
    const reportServer = open(path);
    runner.createRun(runRecord());
    runner.addCaseResult(caseResultRecord());
    expect(reportServer.caseResults('run-1')).toEqual([]);
    await expect.poll(() => reportServer.caseResults('run-1').length, { timeout: 5_000 }).toBe(1);
  });

  it('writes a run\'s buffered results before marking it finished', () => {
    const path = join(directories.make(), 'agentlab.db');
    const runner = open(path);
    const reportServer = open(path);
    runner.createRun(runRecord());
    runner.addCaseResult(caseResultRecord());
    runner.finishRun('run-1', 'completed', 1_700_000_002_000);
    expect(reportServer.getRun('run-1')?.status).toBe('completed');
    expect(reportServer.caseResults('run-1')).toHaveLength(1);
  });

  it('lets two instances on one file see each other\'s committed runs, results and spans', () => {
    const path = join(directories.make(), 'agentlab.db');
    const runner = open(path);
    const reportServer = open(path);

    runner.createRun(runRecord());
    expect(reportServer.getRun('run-1')?.status).toBe('running');
    runner.addCaseResult(caseResultRecord());
    runner.flush();
    expect(reportServer.caseResults('run-1').map((result) => result.caseId)).toEqual(['case-1']);

    // The report server receives OTLP spans; the runner's side reads them.
    reportServer.writeSpans(normalizeSpans([{
      traceId: 'trace-9', spanId: 'span-1', name: 'chat m', kind: 'client', startTimeMs: 1, endTimeMs: 2, durationMs: 1,
      status: { code: 'ok' }, attributes: { 'agentlab.run.id': 'run-1' }, events: [], serviceName: 'other-agent', scope: 'openinference',
    }]));
    expect(runner.spans('trace-9').map((span) => span.serviceName)).toEqual(['other-agent']);

    reportServer.createRun(runRecord({ id: 'run-2', startedAt: 1_800_000_000_000 }));
    expect(runner.listRuns().map((run) => run.id)).toEqual(['run-2', 'run-1']);
  });

  it('refuses use after close with AGENTLAB_STORE_CLOSED, and closing twice is harmless', () => {
    const store = openStore(':memory:');
    store.close();
    store.close();
    expect(store.isOpen).toBe(false);
    let code: string | undefined;
    try {
      store.listRuns();
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('AGENTLAB_STORE_CLOSED');
  });
});
