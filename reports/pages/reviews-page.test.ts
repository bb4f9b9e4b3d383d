// The reviews page from a real store: the queue's length and its oldest entry's age at the top and
// in the JSON; waiting entries oldest first, each saying why it is there (the rater's confidence and
// reasoning, or what failed, how often and the last errors) with links to its result and trace; the
// decided ones with who, when, the note, the correction and the lesson's episode; a status filter and
// pages of 50. Markup in goals, answers, notes and errors is shown as text.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { fixtureNow, fixtureTraceId, hostileText, humanLoopFixture } from '../human-loop-fixture.js';
import type { HumanLoopFixture } from '../human-loop-fixture.js';
import { getJson } from '../test-support.js';
import type { ReviewsPageData } from './reviews-page.js';

let fixture: HumanLoopFixture;
let app: FastifyInstance;

beforeAll(async () => {
  fixture = await humanLoopFixture();
  app = buildApp({ store: fixture.store, now: () => fixtureNow });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

describe('the reviews JSON', () => {
  it('gives the queue length and the oldest wait, waiting entries oldest first, then decisions newest first', async () => {
    const data = await getJson<ReviewsPageData>(app, '/api/reviews');
    expect(data.queue).toEqual({ pending: 2, decided: 2, oldestPendingAt: fixtureNow - 120 * 60_000, oldestAgeMs: 120 * 60_000 });
    expect(data.pending.map((entry) => [entry.id, entry.waitedMs])).toEqual([
      [fixture.reviews.lowConfidence.id, 120 * 60_000],
      [fixture.reviews.retriesExhausted.id, 30 * 60_000],
    ]);
    expect(data.pending[1]!.errorReport).toMatchObject({ attempts: 3, lastErrors: ['500 Internal Server Error', `502 Bad Gateway ${hostileText}`] });
    expect(data.decided.map((entry) => entry.id)).toEqual([fixture.reviews.rejected.id, fixture.reviews.corrected.id]);
    expect(data.decided[1]).toMatchObject({ status: 'corrected', decidedBy: 'ana', correction: 'Guido van Rossum', episodeId: 7 });
    expect(data.hasMore).toBe(false);
  });

  it('narrows to one status, and refuses an unknown one naming what it accepts', async () => {
    const corrected = await getJson<ReviewsPageData>(app, '/api/reviews?status=corrected');
    expect(corrected.filter).toEqual({ status: 'corrected' });
    expect(corrected.pending).toEqual([]);
    expect(corrected.decided.map((entry) => entry.id)).toEqual([fixture.reviews.corrected.id]);
    // The queue's figures are the whole queue's, whatever the filter.
    expect(corrected.queue.pending).toBe(2);
    const everything = await getJson<ReviewsPageData>(app, '/api/reviews?status=');
    expect(everything.filter).toEqual({});
    const refused = await app.inject({ url: '/api/reviews?status=done' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/\?status must be one of pending, accepted, rejected, corrected/);
  });
});

describe('the reviews page', () => {
  it('shows why each entry waits, with its links and the three actions', async () => {
    const html = (await app.inject({ url: '/reviews' })).body;
    expect(html).toMatch(/<dt>Waiting<\/dt><dd>2<\/dd>/);
    expect(html).toContain('<dt>Oldest waiting</dt><dd>2 h <span class="muted">since 2026-03-04 10:00 UTC</span>');
    const low = html.indexOf(`id="review-${fixture.reviews.lowConfidence.id}"`);
    const exhausted = html.indexOf(`id="review-${fixture.reviews.retriesExhausted.id}"`);
    expect(low).toBeGreaterThan(0);
    expect(exhausted).toBeGreaterThan(low);
    expect(html).toContain('Low confidence <span class="confidence">42.0%</span>');
    expect(html).toContain('The answer contradicts the search result.');
    expect(html).toContain('<code>model_error</code> after 3 tries: The model endpoint answered 500.');
    expect(html).toContain('<li>500 Internal Server Error</li>');
    expect(html).toContain('href="/runs/eval-run-1?case=water#results"');
    // An entry whose run is no eval run here (an agent run's, a content piece's) has no result or case page to link to.
    expect(html).not.toContain('/runs/agent-run-5');
    expect(html).toContain(`href="/traces/${fixtureTraceId}"`);
    for (const action of ['accept', 'reject', 'correct']) expect(html).toContain(`data-url="/api/reviews/${fixture.reviews.lowConfidence.id}/${action}"`);
    expect(html).toContain('the lesson future runs will be told');
    expect(html).toContain('episode 7');
    expect(html).toMatch(/Reviews <span class="nav-count"[^>]*>2<\/span>/);
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('shows markup in goals, answers, notes and errors as text', async () => {
    const html = (await app.inject({ url: '/reviews' })).body;
    expect(html).not.toContain(hostileText);
    expect(html).toContain('About 90 °C &lt;script&gt;alert(&quot;decide&quot;)&lt;/script&gt;');
    expect(html).toContain('too vague &lt;script&gt;');
  });

  it('pages by 50, keeping the filter in the pager', async () => {
    const many = await import('../human-loop-fixture.js').then((module) => module.humanLoopFixture());
    try {
      const entry = { kind: 'low_confidence' as const, runId: 'eval-run-9', agent: 'react', model: 'sim:weak', goal: 'g', answer: 'a', confidence: 0.1, steps: '' };
      many.store.reviews.addMany(Array.from({ length: 60 }, (_, index) => ({ ...entry, caseId: `case-${index}`, createdAt: fixtureNow - 1_000 + index })));
      const paged = buildApp({ store: many.store, now: () => fixtureNow });
      try {
        const first = await getJson<ReviewsPageData>(paged, '/api/reviews?status=pending');
        expect(first.pending).toHaveLength(50);
        expect(first.hasMore).toBe(true);
        expect(first.queue.pending).toBe(62);
        const second = await getJson<ReviewsPageData>(paged, '/api/reviews?status=pending&page=2');
        expect(second.pending).toHaveLength(12);
        expect(second.hasMore).toBe(false);
        // Oldest first across pages: the second page's entries all arrived after the first page's.
        expect(Math.min(...second.pending.map((review) => review.createdAt))).toBeGreaterThanOrEqual(Math.max(...first.pending.map((review) => review.createdAt)));
        const html = (await paged.inject({ url: '/reviews?status=pending' })).body;
        expect(html).toContain('href="/reviews?status=pending&amp;page=2"');
      } finally {
        await paged.close();
      }
    } finally {
      await many.cleanUp();
    }
  });
});
