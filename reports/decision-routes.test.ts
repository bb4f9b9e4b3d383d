// The decision API against a real store file: each route's answers (200 with the updated record,
// 400 naming the field, 404, 409 saying who decided and when, 415 for anything but JSON, 401 without
// the token), two deciders at once over real HTTP (exactly one wins), and review corrections whose
// lessons go to a real EpisodicMemory on the simulator's embeddings, opened once, on first use.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemory } from '../agents/index.js';
import type { EpisodicMemory } from '../agents/index.js';
import { startFakeEmbeddingEndpoint } from '../agents/memory/test-support.js';
import { ModelProvider } from '../models/index.js';
import { SqliteStoreBackend } from '../store/index.js';
import { buildApp } from './app.js';
import type { ReportAppOptions } from './app.js';
import { fixtureNow, humanLoopFixture } from './human-loop-fixture.js';
import type { HumanLoopFixture } from './human-loop-fixture.js';

let fixture: HumanLoopFixture;
const apps: FastifyInstance[] = [];
const providers: ModelProvider[] = [];

beforeEach(async () => {
  fixture = await humanLoopFixture();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await fixture.cleanUp();
});

function app(options: Partial<ReportAppOptions> = {}): FastifyInstance {
  const built = buildApp({ store: fixture.store, now: () => fixtureNow, ...options });
  apps.push(built);
  return built;
}

function post(target: FastifyInstance, url: string, body: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return target.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

const errorOf = (response: LightMyRequestResponse) => (response.json() as { error: { code: string; message: string } }).error;

/** Episodic memory on the simulator's embeddings, through the real model factory; counts how often it is opened. */
function simulatorMemory(): { open: () => Promise<EpisodicMemory>; opened: () => number } {
  const provider = new ModelProvider({ latency: 'zero' });
  providers.push(provider);
  let opened = 0;
  return {
    open: async () => {
      opened += 1;
      return (await openMemory({ store: new SqliteStoreBackend(fixture.store), provider, embeddingModel: 'sim:strong', now: () => fixtureNow })).episodic;
    },
    opened: () => opened,
  };
}

describe('POST /api/approvals/:id/approve and /reject', () => {
  it('approve with a reason and a name, or with nothing, answering the updated record', async () => {
    const server = app();
    const { oldest, newest } = fixture.approvals;
    const approved = await post(server, `/api/approvals/${oldest.id}/approve`, { reason: 'safe', by: 'ana' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toEqual({ approval: { ...oldest, status: 'approved', decidedBy: 'ana', decidedAt: fixtureNow, reason: 'safe' } });
    expect(fixture.store.approvals.get(oldest.id)?.status).toBe('approved');
    // A unique prefix is enough; without a name the decision is the web page's.
    const plain = await post(server, `/api/approvals/${newest.id.slice(0, 6)}/approve`, {});
    expect(plain.statusCode).toBe(200);
    expect(plain.json().approval).toMatchObject({ id: newest.id, status: 'approved', decidedBy: 'web' });
    expect(plain.json().approval.reason).toBeUndefined();
  });

  it('reject with its reason; without one, or with a field it does not know, 400 naming the field and nothing changes', async () => {
    const server = app();
    const { oldest } = fixture.approvals;
    for (const body of [{}, { reason: '   ' }, { reason: 7 }]) {
      const refused = await post(server, `/api/approvals/${oldest.id}/reject`, body);
      expect(refused.statusCode).toBe(400);
      expect(errorOf(refused).message).toMatch(/^Bad request body: reason (is required: the model is told why its call was rejected|must be text)\.$/);
    }
    const unknown = await post(server, `/api/approvals/${oldest.id}/approve`, { reason: 'ok', approved: true });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).message).toContain('unknown field approved');
    const notObject = await post(server, `/api/approvals/${oldest.id}/approve`, ['approve']);
    expect(errorOf(notObject).message).toContain('the body must be a JSON object');
    const longName = await post(server, `/api/approvals/${oldest.id}/approve`, { by: 'x'.repeat(101) });
    expect(errorOf(longName).message).toContain('by must be at most 100 characters');
    expect(fixture.store.approvals.get(oldest.id)?.status).toBe('pending');

    const rejected = await post(server, `/api/approvals/${oldest.id}/reject`, { reason: 'not that file', by: 'bo' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().approval).toMatchObject({ status: 'rejected', reason: 'not that file', decidedBy: 'bo' });
  });

  it('404 for an unknown approval, 409 for one decided already (by whom, when) or whose run has ended', async () => {
    const server = app();
    const missing = await post(server, '/api/approvals/zzzz/approve', {});
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing)).toMatchObject({ code: 'AGENTLAB_APPROVAL_NOT_FOUND' });

    const decided = await post(server, `/api/approvals/${fixture.approvals.approved.id}/reject`, { reason: 'changed my mind' });
    expect(decided.statusCode).toBe(409);
    expect(errorOf(decided)).toEqual({
      code: 'AGENTLAB_APPROVAL_ALREADY_DECIDED',
      message: `Approval ${fixture.approvals.approved.id} was already approved by ana at ${new Date(fixtureNow - 200 * 60_000).toISOString()}; nothing was changed.`,
    });

    // The oldest call's run is stopped for good before anyone decides.
    const claim = fixture.store.agentRuns.claim('run-old', fixtureNow)!;
    fixture.store.agentRuns.finish('run-old', claim, { status: 'error', output: '', error: { code: 'aborted', message: 'stopped' }, journal: [], at: fixtureNow });
    const ended = await post(server, `/api/approvals/${fixture.approvals.oldest.id}/approve`, {});
    expect(ended.statusCode).toBe(409);
    expect(errorOf(ended)).toMatchObject({ code: 'AGENTLAB_APPROVAL_RUN_FINISHED', message: expect.stringContaining('run-old, which has already ended (error)') });
    expect(fixture.store.approvals.get(fixture.approvals.oldest.id)?.status).toBe('pending');
  });

  it('takes JSON only: a form another site could post (urlencoded, multipart, text/plain) gets 415 and changes nothing', async () => {
    const server = app();
    const url = `/api/approvals/${fixture.approvals.oldest.id}/approve`;
    const forms: Array<{ type?: string; payload: string }> = [
      { type: 'application/x-www-form-urlencoded', payload: 'reason=ok' },
      { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nok\r\n--x--\r\n' },
      { type: 'text/plain', payload: '{"reason":"ok"}' },
      { payload: '{"reason":"ok"}' },
    ];
    for (const form of forms) {
      const response = await server.inject({ method: 'POST', url, payload: form.payload, headers: form.type ? { 'content-type': form.type } : {} });
      expect(response.statusCode, form.type ?? 'no content type').toBe(415);
      expect(errorOf(response)).toMatchObject({ code: 'AGENTLAB_REPORT_UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('Content-Type: application/json') });
    }
    expect(fixture.store.approvals.get(fixture.approvals.oldest.id)?.status).toBe('pending');
    const withCharset = await post(server, url, {}, { 'content-type': 'application/json; charset=utf-8' });
    expect(withCharset.statusCode).toBe(200);
  });

  it('needs the bearer token when the server has one: 401 without it or with another, 200 with it', async () => {
    const server = app({ token: 'open-sesame' });
    const url = `/api/approvals/${fixture.approvals.oldest.id}/approve`;
    const without = await post(server, url, {});
    expect(without.statusCode).toBe(401);
    expect(without.headers['www-authenticate']).toBe('Bearer');
    expect(errorOf(without).code).toBe('AGENTLAB_REPORT_UNAUTHORIZED');
    expect((await post(server, url, {}, { authorization: 'Bearer guess' })).statusCode).toBe(401);
    expect(fixture.store.approvals.get(fixture.approvals.oldest.id)?.status).toBe('pending');
    expect((await post(server, url, {}, { authorization: 'Bearer open-sesame' })).statusCode).toBe(200);
  });

  it('lets exactly one of two deciders at once win, over real HTTP, and tells the other who did', async () => {
    const server = app();
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const id = fixture.approvals.oldest.id;
    const send = (action: string, body: unknown) => fetch(`${address}/api/approvals/${id}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answers = await Promise.all([send('approve', { by: 'ana' }), send('reject', { by: 'bo', reason: 'no' })]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = fixture.store.approvals.get(id)!;
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(((await loser.json()) as { error: { message: string } }).error.message).toContain(`already ${winner.status} by ${winner.decidedBy}`);
  });
});

describe('POST /api/reviews/:id/accept, /reject and /correct', () => {
  it('accepts with an optional note without opening memory; rejects only with a note', async () => {
    const memory = simulatorMemory();
    const server = app({ episodicMemory: memory.open });
    const { lowConfidence, retriesExhausted } = fixture.reviews;
    const accepted = await post(server, `/api/reviews/${lowConfidence.id}/accept`, { by: 'ana' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ review: { ...lowConfidence, status: 'accepted', decidedBy: 'ana', decidedAt: fixtureNow } });
    expect(memory.opened()).toBe(0);

    const noNote = await post(server, `/api/reviews/${retriesExhausted.id}/reject`, {});
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).message).toBe('Bad request body: note is required: say what is wrong with the answer.');
    expect(fixture.store.reviews.get(retriesExhausted.id)?.status).toBe('pending');
  });

  it('corrects only with the corrected answer, and records the lesson in episodic memory opened once, on first use', async () => {
    const memory = simulatorMemory();
    const server = app({ episodicMemory: memory.open, memoryNamespace: 'lessons' });
    const { lowConfidence, retriesExhausted } = fixture.reviews;
    const noCorrection = await post(server, `/api/reviews/${lowConfidence.id}/correct`, { note: 'the sea-level boiling point is 100 °C' });
    expect(noCorrection.statusCode).toBe(400);
    expect(errorOf(noCorrection).message).toBe('Bad request body: correction is required: give the corrected answer.');
    expect(memory.opened()).toBe(0);

    const lesson = 'Water boils at 100 °C at sea level.';
    const corrected = await post(server, `/api/reviews/${lowConfidence.id}/correct`, { correction: '100 °C', note: lesson, by: 'ana' });
    expect(corrected.statusCode).toBe(200);
    const body = corrected.json() as { review: { episodeId?: number }; episode?: { id: number; lesson: string; namespace: string } };
    expect(body.review).toMatchObject({ status: 'corrected', correction: '100 °C', note: lesson, decidedBy: 'ana' });
    expect(body.episode).toMatchObject({ lesson, namespace: 'lessons', goal: lowConfidence.goal });
    expect(body.review.episodeId).toBe(body.episode!.id);
    expect(fixture.store.reviews.get(lowConfidence.id)?.episodeId).toBe(body.episode!.id);

    const rejected = await post(server, `/api/reviews/${retriesExhausted.id}/reject`, { note: 'Use the calculator.' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().episode).toMatchObject({ lesson: 'Use the calculator.', namespace: 'lessons' });
    expect(memory.opened()).toBe(1);
    // What the page shows afterwards: the lesson's episode beside each decision.
    const html = (await server.inject({ url: '/reviews?status=corrected' })).body;
    expect(html).toContain(`episode ${body.episode!.id}`);
  });

  it('404 for an unknown review, 409 for a decided one, without opening memory', async () => {
    const memory = simulatorMemory();
    const server = app({ episodicMemory: memory.open });
    const missing = await post(server, '/api/reviews/nope/correct', { correction: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('AGENTLAB_REVIEW_NOT_FOUND');
    const decided = await post(server, `/api/reviews/${fixture.reviews.corrected.id}/reject`, { note: 'no' });
    expect(decided.statusCode).toBe(409);
    expect(errorOf(decided).message).toContain('was already corrected by ana at');
    expect(memory.opened()).toBe(0);
  });

  it('answers 503 and changes nothing when memory cannot be opened', async () => {
    const server = app({ episodicMemory: async () => (await openMemory({ store: new SqliteStoreBackend(fixture.store), provider: new ModelProvider({ latency: 'zero' }), embeddingModel: 'nowhere:model' })).episodic });
    const { lowConfidence } = fixture.reviews;
    const refused = await post(server, `/api/reviews/${lowConfidence.id}/correct`, { correction: '100 °C' });
    expect(refused.statusCode).toBe(503);
    expect(errorOf(refused)).toMatchObject({ code: 'AGENTLAB_REPORT_MEMORY_UNAVAILABLE', message: expect.stringContaining('Nothing was changed') });
    expect(fixture.store.reviews.get(lowConfidence.id)?.status).toBe('pending');
  });

  it('answers 502 when the decision stands but the embedding endpoint did not take its lesson', async () => {
    const endpoint = await startFakeEmbeddingEndpoint(() => ({ status: 503, body: { error: { message: 'down for maintenance' } } }));
    try {
      const provider = new ModelProvider({ latency: 'zero', config: { models: { broken: { baseURL: endpoint.baseURL, model: 'embedder' } }, prices: {}, agents: {} }, timeoutMs: 5_000 });
      providers.push(provider);
      const server = app({ episodicMemory: async () => (await openMemory({ store: new SqliteStoreBackend(fixture.store), provider, embeddingModel: 'broken' })).episodic });
      const { lowConfidence } = fixture.reviews;
      const answer = await post(server, `/api/reviews/${lowConfidence.id}/correct`, { correction: '100 °C' });
      expect(answer.statusCode).toBe(502);
      expect(errorOf(answer)).toMatchObject({ code: 'AGENTLAB_REVIEW_LESSON_NOT_RECORDED', message: expect.stringContaining(`agentlab reviews lesson ${lowConfidence.id}`) });
      expect(fixture.store.reviews.get(lowConfidence.id)?.status).toBe('corrected');
    } finally {
      await endpoint.close();
    }
  });
});
