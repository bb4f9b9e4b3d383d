// The content page in a real browser (Debian's chromium): its three charts draw, nothing is logged
// as an error, the page does not scroll sideways at 1366 px, and topics, reasons and model names
// carrying markup stay text. Photographed on the small fixture and on a month of 300 pieces a day.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../index.js';
import { contentFixture, contentFixtureNow, contentRun } from '../content-report-fixture.js';
import type { ContentFixture } from '../content-report-fixture.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { takeScreenshot } from './screenshots.js';

const browser = new SharedBrowser();
const opener = new PageOpener(browser);
let fixture: ContentFixture;
let app: FastifyInstance;

const chartIds = ['chart-content-pieces', 'chart-content-accuracy', 'chart-content-cost'];

/** A month of 300 pieces a day before the fixture's own: mostly published, some to review, a few failed, costs near $25 a day. */
function addMonth(): void {
  const day = 86_400_000;
  const start = contentFixtureNow - 33 * day;
  for (let dayIndex = 0; dayIndex < 30; dayIndex += 1) {
    for (let index = 0; index < 300; index += 1) {
      const finishedAt = start + dayIndex * day + index * 280_000;
      const toReview = (index * 7 + dayIndex) % 10 === 0;
      const failed = !toReview && (index * 13 + dayIndex) % 29 === 0;
      const checked = 5;
      const supported = toReview ? 3 : failed ? 0 : 5 - ((index + dayIndex) % 7 === 0 ? 1 : 0);
      fixture.store.contentRuns.add(
        contentRun({
          pieceId: `piece-${dayIndex}-${index}`,
          finishedAt,
          startedAt: finishedAt - 60_000,
          status: toReview ? 'in_review' : failed ? 'failed' : 'published',
          claimsChecked: checked,
          claimsSupported: supported,
          confidence: supported / checked,
          costUsd: 0.075 + ((index % 5) - 2) * 0.004,
          stageLatencyMs: { research: 15_000 + (index % 40) * 500, write: 12_000 + (index % 20) * 400, 'fact-check': 25_000 + (index % 50) * 600, format: 8_000 + (index % 10) * 300, publish: 40 + (index % 5) },
        }),
      );
    }
  }
}

beforeAll(async () => {
  const [filled] = await Promise.all([contentFixture(), browser.launch()]);
  fixture = filled;
  app = buildApp({ store: fixture.store, now: () => contentFixtureNow });
  opener.baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await opener.closeAll();
});
afterAll(async () => {
  await browser.close();
  await app?.close();
  await fixture?.cleanUp();
});

async function expectDrawn(path: string, screenshot: string): Promise<void> {
  const { page, problems } = await opener.open(path);
  for (const id of chartIds) await page.locator(`#${id}[data-chart-ready="true"]`).waitFor({ state: 'attached' });
  await takeScreenshot(page, screenshot);
  expect(await sidewaysOverflow(page)).toBe(0);
  expect(problems.unexpected()).toEqual([]);
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
}

describe('the content page in a browser', () => {
  it('draws its charts without an error or sideways scroll, markup in topics shown as text', async () => {
    await expectDrawn('/content?days=3', 'content-page-few-days');
    const { page } = await opener.open('/content?days=3');
    await page.locator('#chart-content-pieces[data-chart-ready="true"]').waitFor({ state: 'attached' });
    expect(await page.locator('#content-recent').textContent()).toContain('<script>window.__pwned = 1</script>');
    const stacks = await page.evaluate(() => {
      const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ label: string; data: number[] }> } } } }).Chart.getChart('chart-content-pieces');
      return chart.data.datasets.map((dataset) => [dataset.label, dataset.data]);
    });
    expect(stacks).toEqual([
      ['Published automatically', [2, 1, 1]],
      ['Published after review', [1, 0, 0]],
      ['Waiting for review', [0, 0, 1]],
      ['Returned by review', [1, 1, 0]],
      ['Failed', [1, 0, 0]],
    ]);
  });

  it('draws a month of 300 pieces a day and stays within the window', async () => {
    addMonth();
    await expectDrawn('/content', 'content-page-month');
  });
});
