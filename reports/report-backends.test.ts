// The report server on each store backend: the same history written through the StoreBackend
// interface into SQLite and into PostgreSQL (runs, results, dataset cases, paused agent runs, reviews,
// content runs; spans by an OTLP POST to the app), then every main page read from both. Each page
// answers 200 on PostgreSQL with what it shows on SQLite (its JSON twin equal, ids the store makes
// up aside), and the HTML pages render. Decisions go through the routes on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CaseResultRecord, StoreBackend } from '../store/index.js';
import { contractBackends } from '../store/contract/contract-backends.js';
import type { ContractBackend } from '../store/contract/contract-backends.js';
import { caseResultRecord, runRecord } from '../store/test-fixtures.js';
import { buildApp } from './app.js';
import { contentRun } from './content-report-fixture.js';

const minute = 60_000;
const day = 86_400_000;
const now = Date.UTC(2026, 2, 4, 12, 0);
const firstRunAt = now - 3 * day;
const evalTraceId = '5b8aa5a2d2c872e8321cf37308d69df2';
const foreignTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const config = { agents: ['react'], models: ['sim:strong', 'sim:weak'], epochs: 2, concurrency: 2, seed: 7, caseTimeoutMs: 60_000 };

interface Served {
  backend: ContractBackend;
  store: StoreBackend;
  app: FastifyInstance;
  /** The ids the store made up (approvals, reviews), in the order they were made, to compare pages across stores. */
  madeIds: string[];
}

/** The same history on any backend, through the interface only. */
async function fill(store: StoreBackend): Promise<string[]> {
  await store.createRun(runRecord({ id: 'run-older', startedAt: firstRunAt, datasetPath: 'datasets/golden.jsonl', datasetHash: 'golden', config, plannedResults: 8 }));
  await store.createRun(runRecord({ id: 'run-newer', startedAt: firstRunAt + day, datasetPath: 'datasets/golden.jsonl', datasetHash: 'golden', config, plannedResults: 8 }));
  await store.recordDatasetCases('golden', [
    { id: 'capital', goal: 'Find the capital of France', expected_tools: ['search'], expected_output_contains: ['Paris'] },
    { id: 'sum', goal: 'Compute 12 + 30', expected_tools: ['calculator'] },
  ]);
  const add = (overrides: Partial<CaseResultRecord>) => store.addCaseResult(caseResultRecord({ traceId: undefined, tags: ['geo'], ...overrides }));
  for (const [runId, startedAt, capitalWeak] of [['run-older', firstRunAt, 'pass'], ['run-newer', firstRunAt + day, 'fail']] as const) {
    const at = startedAt + minute;
    await add({ runId, caseId: 'capital', model: 'sim:strong', epoch: 0, status: 'pass', output: 'Paris', startedAt: at, finishedAt: at + 800, traceId: runId === 'run-newer' ? evalTraceId : undefined });
    await add({ runId, caseId: 'capital', model: 'sim:strong', epoch: 1, status: runId === 'run-older' ? 'fail' : 'pass', output: 'Lyon', startedAt: at + 1, finishedAt: at + 900,
      checks: [{ check: 'output', passed: runId !== 'run-older', reason: 'expected the output to contain "Paris"' }] });
    for (const epoch of [0, 1]) {
      await add({ runId, caseId: 'capital', model: 'sim:weak', epoch, status: capitalWeak, output: capitalWeak === 'pass' ? 'Paris' : 'Marseille', costUsd: 0.0004, startedAt: at + 2 + epoch, finishedAt: at + 700,
        checks: [{ check: 'output', passed: capitalWeak === 'pass', reason: 'expected the output to contain "Paris"' }] });
    }
    for (const model of config.models) {
      for (const epoch of [0, 1]) {
        await add({ runId, caseId: 'sum', model, epoch, status: model === 'sim:weak' && epoch === 1 ? 'error' : 'pass', output: '42', tags: ['math'], startedAt: at + 10 + epoch, finishedAt: at + 500,
          ...(model === 'sim:weak' && epoch === 1 ? { error: { code: 'AGENTLAB_MODEL_TIMEOUT', message: 'the model did not answer in 60 s' } } : {}) });
      }
    }
    await store.finishRun(runId, 'completed', startedAt + 10 * minute);
  }

  const paused = async (id: string, tool: string, startedAt: number) => {
    const run = await store.agentRuns.create({ id, agent: 'react', goal: `Use ${tool}`, model: 'sim:strong', settings: {}, startedAt });
    const approval = await store.approvals.request({ runId: id, callId: `call-${id}`, agent: 'react', tool, permission: 'destructive', arguments: { path: `${id}.txt` }, goal: run.goal, context: 'the files listed', requestedAt: startedAt + 1_000 });
    await store.agentRuns.pause(id, run.claim, [], startedAt + 1_000);
    return approval.id;
  };
  const waiting = await paused('agent-run-1', 'delete_file', now - 90 * minute);
  const toApprove = await paused('agent-run-2', 'write_file', now - 60 * minute);
  const review = { kind: 'low_confidence' as const, agent: 'react', model: 'sim:weak', steps: '[]', confidence: 0.4, reasoning: 'unsure of the city' };
  const pendingReview = await store.reviews.add({ ...review, runId: 'run-newer', caseId: 'capital', goal: 'Find the capital of France', answer: 'Marseille', createdAt: now - 120 * minute });
  const toAccept = await store.reviews.add({ ...review, runId: 'run-newer', caseId: 'sum', goal: 'Compute 12 + 30', answer: '42', createdAt: now - 100 * minute });

  await store.contentRuns.add(contentRun({ pieceId: 'tides', finishedAt: now - day }));
  await store.contentRuns.add(contentRun({ pieceId: 'stars', status: 'failed', reason: 'max_steps: quality gate not met', claimsChecked: undefined, claimsSupported: undefined, confidence: undefined, finishedAt: now - 2 * day }));
  return [waiting, toApprove, pendingReview.id, toAccept.id];
}

const attribute = (key: string, value: string | number) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } });
const nanos = (milliseconds: number) => `${BigInt(milliseconds) * 1_000_000n}`;

/** An eval case's trace (its spans name the run, case and epoch) and another service's trace, as OTLP/JSON. */
function otlpBody(): string {
  const at = firstRunAt + day + minute;
  const evalSpans = [
    { traceId: evalTraceId, spanId: '1111111111111111', name: 'invoke_agent react', kind: 1, startTimeUnixNano: nanos(at), endTimeUnixNano: nanos(at + 800),
      attributes: [attribute('gen_ai.operation.name', 'invoke_agent'), attribute('gen_ai.agent.name', 'react'), attribute('agentlab.run.id', 'run-newer'), attribute('agentlab.case.id', 'capital'), attribute('agentlab.epoch', 0)] },
    { traceId: evalTraceId, spanId: '2222222222222222', parentSpanId: '1111111111111111', name: 'chat sim:strong', kind: 3, startTimeUnixNano: nanos(at + 10), endTimeUnixNano: nanos(at + 400),
      attributes: [attribute('gen_ai.operation.name', 'chat'), attribute('gen_ai.provider.name', 'openai'), attribute('gen_ai.request.model', 'sim:strong'), attribute('gen_ai.usage.input_tokens', 1200), attribute('gen_ai.usage.output_tokens', 80)] },
    { traceId: evalTraceId, spanId: '3333333333333333', parentSpanId: '1111111111111111', name: 'execute_tool search', kind: 1, startTimeUnixNano: nanos(at + 400), endTimeUnixNano: nanos(at + 500),
      attributes: [attribute('gen_ai.operation.name', 'execute_tool'), attribute('gen_ai.tool.name', 'search')] },
  ];
  const foreignSpans = [
    { traceId: foreignTraceId, spanId: '4444444444444444', name: 'chat gpt-4o-mini', kind: 3, startTimeUnixNano: nanos(now - 2 * minute), endTimeUnixNano: nanos(now - minute), status: { code: 2, message: 'rate limited' },
      attributes: [attribute('gen_ai.operation.name', 'chat'), attribute('gen_ai.provider.name', 'openai'), attribute('gen_ai.request.model', 'gpt-4o-mini'), attribute('gen_ai.usage.input_tokens', 1000), attribute('gen_ai.usage.output_tokens', 100)] },
  ];
  return JSON.stringify({
    resourceSpans: [
      { resource: { attributes: [attribute('service.name', 'agentlab')] }, scopeSpans: [{ spans: evalSpans }] },
      { resource: { attributes: [attribute('service.name', 'support-bot')] }, scopeSpans: [{ spans: foreignSpans }] },
    ],
  });
}

const served: Served[] = [];

beforeAll(async () => {
  for (const backend of contractBackends()) {
    const store = await backend.open();
    const madeIds = await fill(store);
    const app = buildApp({ store, now: () => now });
    const posted = await app.inject({ method: 'POST', url: '/v1/traces', headers: { 'content-type': 'application/json' }, payload: otlpBody() });
    expect(posted.statusCode, `${backend.name}: ${posted.body}`).toBe(200);
    const json = { 'content-type': 'application/json' };
    const approved = await app.inject({ method: 'POST', url: `/api/approvals/${madeIds[1]}/approve`, headers: json, payload: { by: 'ana', reason: 'a scratch file' } });
    expect(approved.statusCode, `${backend.name}: ${approved.body}`).toBe(200);
    const accepted = await app.inject({ method: 'POST', url: `/api/reviews/${madeIds[3]}/accept`, headers: json, payload: { by: 'bo' } });
    expect(accepted.statusCode, `${backend.name}: ${accepted.body}`).toBe(200);
    served.push({ backend, store, app, madeIds });
  }
}, 60_000);

afterAll(async () => {
  for (const { backend, store, app } of served) {
    await app.close();
    await store.close();
    await backend.dispose();
  }
});

const pages = [
  '/',
  '/runs/run-newer',
  '/runs/run-newer?status=fail',
  '/runs/run-older?status=flaky',
  '/runs/run-newer/messages',
  '/trends?days=30',
  '/compare',
  '/compare?run=run-newer&modelA=sim:strong&modelB=sim:weak',
  '/cases/capital',
  '/traces',
  `/traces/${evalTraceId}`,
  '/costs?days=30',
  '/approvals',
  '/reviews',
  '/content?days=30',
];

const apiPath = (page: string) => (page === '/' ? '/api/runs' : `/api${page}`);

/** The page's JSON with the ids each store made up named by their order, and figures to 12 digits (sums may round differently). */
function comparable(text: string, madeIds: readonly string[]): unknown {
  let named = text;
  madeIds.forEach((id, index) => (named = named.replaceAll(id, `made-id-${index}`)));
  return JSON.parse(named, (key, value: unknown) => {
    if (key === 'heartbeatAt' || key === 'owner') return undefined;
    return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;
  });
}

function onPostgres(): Served {
  const postgres = served.find((entry) => entry.backend.name === 'PostgreSQL');
  if (!postgres) throw new Error('the PostgreSQL backend did not open');
  return postgres;
}

describe('the report server on PostgreSQL', () => {
  it.each(pages)('%s answers as it does on SQLite, as JSON and as HTML', async (page) => {
    const answers = await Promise.all(served.map(async ({ app, madeIds, backend }) => {
      const api = await app.inject({ method: 'GET', url: apiPath(page) });
      expect(api.statusCode, `${backend.name} ${apiPath(page)}: ${api.body}`).toBe(200);
      const html = await app.inject({ method: 'GET', url: page });
      expect(html.statusCode, `${backend.name} ${page}`).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      return comparable(api.body, madeIds);
    }));
    expect(served.map((entry) => entry.backend.name)).toEqual(['SQLite', 'PostgreSQL']);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('shows what was written through the interface and received over OTLP', async () => {
    const { app, madeIds } = onPostgres();
    const get = async <T>(url: string): Promise<T> => (await app.inject({ method: 'GET', url })).json<T>();
    const runs = await get<{ totalRuns: number; runs: Array<{ id: string }> }>('/api/runs');
    expect(runs.totalRuns).toBe(2);
    expect(runs.runs.map((run) => run.id)).toEqual(['run-newer', 'run-older']);
    const run = await get<{ counts: Record<string, number>; results: Array<{ caseId: string }> }>('/api/runs/run-n');
    expect(run.counts).toMatchObject({ all: 8, pass: 5, fail: 2, error: 1 });
    const compare = await get<{ mode: string; baseline: { runId: string }; candidate: { runId: string } }>('/api/compare');
    expect([compare.mode, compare.baseline.runId, compare.candidate.runId]).toEqual(['runs', 'run-older', 'run-newer']);
    const trace = await get<{ verdict: { caseId: string; status: string; model: string }; spans: unknown[] }>(`/api/traces/${evalTraceId}`);
    expect(trace.verdict).toMatchObject({ caseId: 'capital', status: 'pass', model: 'sim:strong' });
    expect(trace.spans).toHaveLength(3);
    const traces = await get<{ traces: Array<{ traceId: string; serviceName: string }>; services: string[] }>('/api/traces');
    expect(traces.traces.map((entry) => entry.traceId)).toEqual([foreignTraceId, evalTraceId]);
    expect(traces.services).toEqual(['agentlab', 'support-bot']);
    const costs = await get<{ byService: Array<{ serviceName: string; costUsd?: number }> }>('/api/costs?days=30');
    expect(costs.byService.find((row) => row.serviceName === 'support-bot')?.costUsd).toBeGreaterThan(0);
    const approvals = await get<{ pendingCount: number; pending: Array<{ id: string }>; decided: Array<{ id: string; status: string; decidedBy: string }> }>('/api/approvals');
    expect(approvals.pendingCount).toBe(1);
    expect(approvals.pending.map((entry) => entry.id)).toEqual([madeIds[0]]);
    expect(approvals.decided.map((entry) => [entry.id, entry.status])).toEqual([[madeIds[1], 'approved']]);
    const reviews = await get<{ queue: { pending: number; decided: number }; pending: Array<{ id: string; evalRun: boolean }> }>('/api/reviews');
    expect(reviews.queue).toMatchObject({ pending: 1, decided: 1 });
    expect(reviews.pending.map((entry) => [entry.id, entry.evalRun])).toEqual([[madeIds[2], true]]);
    const content = await get<{ recent: Array<{ pieceId: string }> }>('/api/content?days=30');
    expect(content.recent.map((entry) => entry.pieceId)).toEqual(['tides', 'stars']);
  });

  it('answers a deciding route with 409 when the decision was made already, and 404 for unknown runs and traces', async () => {
    const { app, madeIds } = onPostgres();
    const again = await app.inject({ method: 'POST', url: `/api/approvals/${madeIds[1]}/reject`, headers: { 'content-type': 'application/json' }, payload: { reason: 'too late' } });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('AGENTLAB_APPROVAL_ALREADY_DECIDED');
    expect((await app.inject({ method: 'GET', url: '/api/runs/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/runs/run' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/traces/${'0'.repeat(32)}` })).statusCode).toBe(404);
  });

  it("sends a finished run's snapshot as a server-sent event and ends the stream", async () => {
    const { app } = onPostgres();
    const events = await app.inject({ method: 'GET', url: '/api/runs/run-newer/events' });
    expect(events.statusCode).toBe(200);
    expect(events.body).toContain('event: snapshot');
    expect(JSON.parse(/data: (.*)/.exec(events.body)![1]!)).toMatchObject({ runId: 'run-newer', status: 'completed', live: false, done: 8, total: 8, passed: 5, failed: 2, errors: 1 });
  });
});
