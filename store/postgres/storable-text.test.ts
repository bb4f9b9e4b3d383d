// U+0000 in text PostgreSQL cannot store: a result's output and a span's name holding it are written
// with U+FFFD in its place, and the rest of their batch is written, rather than the batch refused for ever.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeSpans } from '../../tracing/index.js';
import { caseResultRecord, createTestDatabase, runRecord } from '../test-fixtures.js';
import { openPostgresStore } from './open-postgres-store.js';
import type { ScratchDatabase } from './scratch-database.js';

let database: ScratchDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase('agentlab_text');
});

afterAll(() => database?.drop());

it('writes U+0000 in text columns as U+FFFD and keeps the batch', async () => {
  const store = await openPostgresStore(database!.url);
  try {
    await store.createRun(runRecord());
    await store.addCaseResult(caseResultRecord({ caseId: 'a', output: 'before\u0000after', checks: [{ check: 'x', passed: true, reason: 'kept\u0000in JSON' }] }));
    await store.addCaseResult(caseResultRecord({ caseId: 'b' }));
    const [first, second] = await store.caseResults('run-1');
    expect(first?.output).toBe('before\uFFFDafter');
    expect(first?.checks[0]?.reason).toBe('kept\u0000in JSON');
    expect(second?.caseId).toBe('b');
    const span = { traceId: 't\u0000', spanId: 's', name: 'name\u0000', kind: 'internal' as const, startTimeMs: 1, endTimeMs: 2, durationMs: 1, status: { code: 'unset' as const }, attributes: { text: 'a\u0000' }, events: [], serviceName: 'svc', scope: 'scope' };
    await store.writeSpans(normalizeSpans([span]));
    const [stored] = await store.spans('t\uFFFD');
    expect(stored?.name).toBe('name\uFFFD');
    expect(stored?.attributes.text).toBe('a\u0000');
    expect((await store.traces())[0]).toMatchObject({ traceId: 't\uFFFD', spanCount: 1 });
  } finally {
    await store.close();
  }
});
