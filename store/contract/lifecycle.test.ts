// The contract of a store's lifecycle on every backend: closing writes what is buffered, closing twice
// does nothing, and every call after close(), the tables' included (even through a table object taken
// before), is AGENTLAB_STORE_CLOSED naming the store.
import { expect, it } from 'vitest';
import { caseResultRecord, runRecord } from '../test-fixtures.js';
import { forEachBackend } from './contract-suite.js';

forEachBackend((context) => {
  it('writes buffered results on close, and refuses every call after it', async () => {
    const store = await context.open({ batchSize: 100, flushDelayMs: 60_000 });
    await store.createRun(runRecord());
    await store.addCaseResult(caseResultRecord());
    const approvals = store.approvals;
    const memories = store.memories;
    await store.close();
    await store.close();
    expect(store.isOpen).toBe(false);
    expect((await context.store.caseResults('run-1')).length).toBe(1);
    const closed = { code: 'AGENTLAB_STORE_CLOSED', message: expect.stringContaining(store.location) };
    await expect(store.getRun('run-1')).rejects.toMatchObject(closed);
    await expect(store.addCaseResult(caseResultRecord({ caseId: 'late' }))).rejects.toMatchObject(closed);
    await expect(store.caseResults('run-1')).rejects.toMatchObject(closed);
    await expect(store.traces()).rejects.toMatchObject(closed);
    await expect(approvals.pendingCount()).rejects.toMatchObject(closed);
    await expect(memories.list()).rejects.toMatchObject(closed);
    expect(() => store.reviews).toThrow(expect.objectContaining({ code: 'AGENTLAB_STORE_CLOSED' }));
  });
});
