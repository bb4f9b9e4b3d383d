// The content page and its JSON twin from a real store: the period (the last ?days, or ?from/?to,
// refused when malformed), pieces per day by outcome, accuracy automated and after review, cost per
// worker with its models, latency per stage, the newest pieces with links to their trace and review;
// markup in topics, reasons and model names shown as text; and the empty state saying how to start.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { buildApp } from '../app.js';
import { contentFixture, contentFixtureNow, contentTraceId, hostileTopic } from '../content-report-fixture.js';
import type { ContentFixture } from '../content-report-fixture.js';
import { getJson, pageData } from '../test-support.js';
import type { ContentPageData } from './content-page.js';

let fixture: ContentFixture;
let app: FastifyInstance;

beforeAll(async () => {
  fixture = await contentFixture();
  app = buildApp({ store: fixture.store, now: () => contentFixtureNow });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

describe('the content JSON', () => {
  it('covers the last 30 days by default, with each day’s pieces by outcome and cost', async () => {
    const data = await getJson<ContentPageData>(app, '/api/content');
    expect(data.period).toEqual({ fromDay: '2026-02-03', toDay: '2026-03-04', days: 30, query: {} });
    expect(data.days).toHaveLength(30);
    expect(data.days.slice(-3).map((day) => [day.day, day.pieces, day.publishedAutomatically, day.waitingForReview, day.publishedAfterReview, day.returned, day.failed])).toEqual([
      ['2026-03-02', 5, 2, 0, 1, 1, 1],
      ['2026-03-03', 2, 1, 0, 0, 1, 0],
      ['2026-03-04', 2, 1, 1, 0, 0, 0],
    ]);
    expect(data.overall).toMatchObject({ pieces: 9, publishedAutomatically: 4, sentToReview: 4, waitingForReview: 1, publishedAfterReview: 1, returned: 2, failed: 1 });
    expect(data.overall.costUsd).toBeCloseTo(0.66, 10);
  });

  it('gives accuracy automated and after review: the accepted piece’s claims all hold, the returned ones’ none', async () => {
    const { overall, days } = await getJson<ContentPageData>(app, '/api/content?days=3');
    expect(overall.accuracy.automated).toMatchObject({ checkedPieces: 8, claimsChecked: 40, claimsHolding: 33 });
    expect(overall.accuracy.afterReview).toMatchObject({ checkedPieces: 8, claimsChecked: 40, claimsHolding: 29 });
    expect(overall.accuracy.reviewedPieces).toBe(3);
    expect(overall.accuracy.automated.interval.rate).toBeCloseTo(33 / 40, 10);
    // March 3: moons 5 of 5 and the corrected volcanoes 4 of 5 automated; after review 5 of 10.
    expect(days[1]!.accuracy.afterReview).toMatchObject({ claimsChecked: 10, claimsHolding: 5 });
  });

  it('gives cost per worker with its models and per piece, latency per stage, and the newest pieces first', async () => {
    const data = await getJson<ContentPageData>(app, '/api/content?from=2026-03-02&to=2026-03-04');
    expect(data.period).toEqual({ fromDay: '2026-03-02', toDay: '2026-03-04', days: 3, query: { from: '2026-03-02', to: '2026-03-04' } });
    expect(data.workers.map((worker) => [worker.worker, worker.models, worker.runs])).toEqual([
      ['supervisor', ['sim:weak'], 9],
      ['researcher', ['sim:strong'], 9],
      ['writer', ['sim:strong', '<b>sim:strong</b>'], 9],
      ['fact-checker', ['sim:strong'], 9],
      ['formatter', ['sim:weak'], 9],
    ]);
    expect(data.workers[3]!.costUsd).toBeCloseTo(0.038 * 9, 10);
    expect(data.workers[3]!.costPerPiece).toBeCloseTo(0.038, 10);
    expect(data.stages.map((stage) => stage.stage)).toEqual(['research', 'write', 'fact-check', 'format', 'publish']);
    const research = data.stages[0]!;
    expect(research.runs).toBe(9);
    expect(Math.abs(research.p50Ms / 20_000 - 1)).toBeLessThan(0.01);
    expect(research.p95Ms).toBeGreaterThan(research.p50Ms);
    expect(data.recent.map((piece) => piece.pieceId)).toEqual(['hostile', 'tides', 'cells', 'volcanoes', 'moons', 'stars', 'atoms', 'cells', 'rivers', 'plants']);
    // The settler's run publishing the accepted piece is listed, and is not counted as another piece.
    expect(data.recent[2]).toMatchObject({ workerId: 'settler', status: 'published', review: 'accepted' });
    expect(data.overall.pieces).toBe(9);
    expect(data.recent.find((piece) => piece.pieceId === 'atoms')).toMatchObject({ status: 'in_review', reviewId: fixture.reviews.rejected.id, review: 'rejected', traceId: contentTraceId });
  });

  it('refuses a malformed period, naming the parameter', async () => {
    for (const [url, message] of [
      ['/api/content?days=0', /\?days must be at least 1/],
      ['/api/content?from=2026-13-01', /\?from must be a real date/],
      ['/api/content?from=2026-03-04&to=2026-03-01', /\?from must not be after \?to/],
      ['/api/content?days=7&from=2026-03-01', /\?days or \?from\/\?to, not both/],
    ] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.message, url).toMatch(message);
    }
  });
});

describe('the content page', () => {
  it('draws its charts from page data, states the accuracy rule, and links each piece to its trace and review', async () => {
    const response = await app.inject({ url: '/content?days=3' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<a href="/content" aria-current="page">Content</a>');
    for (const id of ['chart-content-pieces', 'chart-content-accuracy', 'chart-content-cost']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<script src="/assets/content-charts.js" defer></script>');
    expect(html).toMatch(/id="accuracy-definition">Accuracy is the share of checked claims that hold/);
    expect(html).toContain(`href="/traces/${contentTraceId}"`);
    expect(html).toContain(`href="/reviews?status=rejected#review-${fixture.reviews.rejected.id}"`);
    const data = pageData(html) as { chart: string; days: Array<{ day: string; publishedAutomatically: number }> };
    expect(data.chart).toBe('content');
    expect(data.days.map((day) => [day.day, day.publishedAutomatically])).toEqual([['2026-03-02', 2], ['2026-03-03', 1], ['2026-03-04', 1]]);
    const asset = await app.inject({ url: '/assets/content-charts.js' });
    expect(asset.statusCode).toBe(200);
  });

  it('shows topics, reasons and model names with markup as text', async () => {
    const html = (await app.inject({ url: '/content?days=3' })).body;
    expect(html).not.toContain(hostileTopic);
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<b>sim:strong</b>');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;sim:strong&lt;/b&gt;');
  });

  it('on an empty store, says how to enqueue topics and start workers', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-empty-'));
    const store = openStore(path.join(directory, 'agentlab.db'));
    const emptyApp = buildApp({ store, now: () => contentFixtureNow });
    try {
      const html = (await emptyApp.inject({ url: '/content' })).body;
      expect(html).toContain('id="content-empty"');
      expect(html).toContain('agentlab content enqueue "Photosynthesis for AP Biology"');
      expect(html).toContain('agentlab content work --workers 4');
      expect(html).not.toContain('<canvas');
      const data = await getJson<ContentPageData>(emptyApp, '/api/content');
      expect(data.overall.pieces).toBe(0);
      expect(data.recent).toEqual([]);
    } finally {
      await emptyApp.close();
      store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
