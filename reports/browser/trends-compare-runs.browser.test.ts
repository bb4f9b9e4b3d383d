// The runs list, trends, compare and costs pages in a real browser (Debian's chromium through
// playwright-core) on a week of nightly runs over sixteen model × agent series, an interrupted run and
// an older single run of a second dataset: what a person sees and does on them, with screenshots.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrendsPageData } from '../pages/trends-page.js';
import { buildApp } from '../index.js';
import { chartFacts, dayNumber, legendItemPosition, pointPosition, tooltipText } from './chart-probe.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { nightlyModels, nightlyRunsFixture } from './nightly-runs-fixture.js';
import type { NightlyRunsFixture } from './nightly-runs-fixture.js';
import { takeScreenshot } from './screenshots.js';

const browser = new SharedBrowser();
const opener = new PageOpener(browser);
let fixture: NightlyRunsFixture;
let app: FastifyInstance;

beforeAll(async () => {
  const [made] = await Promise.all([nightlyRunsFixture(), browser.launch()]);
  fixture = made;
  app = buildApp({ store: fixture.store });
  opener.baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
}, 180_000);
afterEach(async () => {
  await opener.closeAll();
});
afterAll(async () => {
  await browser.close();
  await app?.close();
  await fixture?.cleanUp();
});

async function chartsReady(page: Page, count: number): Promise<void> {
  await page.locator('canvas[data-chart-ready="true"]').nth(count - 1).waitFor({ state: 'attached' });
}

/** Lets the charts redraw after a resize (a full-page screenshot resizes the page) before pointing at them. */
async function settled(page: Page): Promise<void> {
  const frames = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';
  await page.evaluate(frames);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await takeScreenshot(page, name);
  await settled(page);
}

/** The page's text as a person reads it: tags gone, white space collapsed. */
async function readText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

const wrongPlurals = /\b1 (runs|days|pairs|regressions|improvements|paired results|results)\b/;

describe('runs list', () => {
  it('names datasets by their file name with the full path on hover, flags the interrupted run and fits 1366 px', async () => {
    const { page, problems } = await opener.open('/');
    const newest = page.locator(`tr[data-run-id="${fixture.nightly[6]!.id}"]`);
    const dataset = newest.locator('.dataset-name');
    expect(await dataset.innerText()).toBe('agent-tasks.jsonl');
    expect(await dataset.getAttribute('title')).toBe(fixture.nightlyDatasetPath);
    const smoke = page.locator(`tr[data-run-id="${fixture.smoke.id}"] .dataset-name`);
    expect([await smoke.innerText(), await smoke.getAttribute('title')]).toEqual(['smoke.jsonl', fixture.smokeDatasetPath]);
    expect(await page.getByText(fixture.nightlyDatasetPath, { exact: true }).count()).toBe(0);

    const interrupted = page.locator(`tr[data-run-id="${fixture.interrupted.id}"]`);
    const badge = interrupted.locator('.run-badge');
    expect(await badge.innerText()).toBe('interrupted');
    expect(await badge.getAttribute('title')).toContain(`agentlab eval --resume ${fixture.interrupted.id}`);
    const note = interrupted.locator('xpath=following-sibling::tr[1]');
    expect(await note.getAttribute('class')).toBe('run-note');
    expect(await note.locator('code').innerText()).toBe(`agentlab eval --resume ${fixture.interrupted.id}`);
    expect(await page.locator('.run-badge').count()).toBe(1);

    // Run ids, dates and dataset names each on one line: no letter-by-letter wrapping in a narrow column.
    for (const text of [newest.locator('a.run-id'), newest.locator('.run-meta'), dataset]) {
      expect(await text.evaluate((element: { getClientRects(): { length: number } }) => element.getClientRects().length)).toBe(1);
    }
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await readText(page)).not.toMatch(wrongPlurals);
    await screenshot(page, 'runs-list');
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('trends', () => {
  it('opens on the newest dataset, a distinct colour per series, bands drawn, a legend click hiding a series and a tooltip per point', async () => {
    const { page, problems } = await opener.open('/trends');
    await chartsReady(page, 3);
    const select = page.locator('#trends-dataset');
    expect(await select.inputValue()).toBe(fixture.nightlyDatasetPath);
    expect(await select.locator('option:checked').innerText()).toBe('agent-tasks.jsonl');
    expect(await select.locator('option:checked').getAttribute('title')).toBe(fixture.nightlyDatasetPath);
    expect(await select.locator('option').allInnerTexts()).toEqual(['all datasets', 'agent-tasks.jsonl', 'smoke.jsonl']);
    await screenshot(page, 'trends-week');

    const success = await chartFacts(page, 'chart-success');
    expect(success.series).toHaveLength(16);
    expect(new Set(success.series.map((series) => series.color)).size).toBe(16);
    for (const canvas of ['chart-tokens', 'chart-cost']) {
      const facts = await chartFacts(page, canvas);
      expect(facts.series.map((series) => series.color), canvas).toEqual(success.series.map((series) => series.color));
    }
    // A week: every day shown, none at the axis' edge.
    expect(success.xMax - success.xMin).toBeGreaterThanOrEqual(7);
    const days = success.series.flatMap((series) => series.points.map((point) => point.x));
    expect(Math.min(...days)).toBeGreaterThan(success.xMin);
    expect(Math.max(...days)).toBeLessThan(success.xMax);
    // Each series has its band: an upper bound filled down to its lower bound, visible and translucent.
    expect(success.bands).toHaveLength(32);
    const uppers = success.bands.filter((band) => band.fillsTo !== false);
    expect(uppers).toHaveLength(16);
    for (const band of uppers) {
      expect(band.visible).toBe(true);
      expect(band.color).toMatch(/^hsla\(.*, 0\.\d+\)$/);
    }

    // The tooltip of one point: its day, series, interval and counts, as the JSON twin has them.
    const trends = (await (await page.request.get(`${opener.baseUrl}/api/trends`)).json()) as TrendsPageData;
    const weak = trends.series.find((series) => series.model === 'sim:weak' && series.agent === 'pipeline')!;
    // A day in the middle of the week with graded results (a day of only errors has no rate to point at).
    const pointIndex = weak.points.findIndex((candidate, index) => index >= 3 && candidate.passed + candidate.failed > 0);
    const point = weak.points[pointIndex]!;
    const position = await pointPosition(page, 'chart-success', 'sim:weak · pipeline', pointIndex);
    await page.mouse.move(position.x, position.y);
    await expect.poll(() => tooltipText(page, 'chart-success')).toContain('sim:weak · pipeline');
    const tooltip = (await tooltipText(page, 'chart-success')).join('\n');
    expect(tooltip).toContain(point.day);
    expect(tooltip).toContain(`pass ${point.passed} · fail ${point.failed} · error ${point.errors}`);
    const interval = point.successRate;
    expect(tooltip).toContain(`${(interval.rate * 100).toFixed(1)}% [${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)}]`);
    await screenshot(page, 'trends-tooltip');

    // A legend click hides the series and its band on every chart; a second click brings them back.
    await page.mouse.move(0, 0);
    const entry = await legendItemPosition(page, 'chart-success', 'sim:looping · supervisor');
    await page.mouse.click(entry.x, entry.y);
    // Chart.js handles pointer events on the next animation frame.
    const hiddenLabels = async (canvas: string) => (await chartFacts(page, canvas)).series.filter((series) => !series.visible).map((series) => series.label);
    await expect.poll(() => hiddenLabels('chart-success')).toEqual(['sim:looping · supervisor']);
    const hidden = await chartFacts(page, 'chart-success');
    const hiddenIndex = hidden.series.findIndex((series) => series.label === 'sim:looping · supervisor');
    expect(hidden.bands.filter((band) => !band.visible).map((band) => band.bandOf)).toEqual([hiddenIndex, hiddenIndex]);
    expect(await hiddenLabels('chart-tokens')).toEqual(['sim:looping · supervisor']);
    expect(await hiddenLabels('chart-cost')).toEqual(['sim:looping · supervisor']);
    await screenshot(page, 'trends-series-hidden');
    const again = await legendItemPosition(page, 'chart-success', 'sim:looping · supervisor');
    await page.mouse.click(again.x, again.y);
    await expect.poll(() => hiddenLabels('chart-success')).toEqual([]);
    expect(await readText(page)).not.toMatch(wrongPlurals);
    expect(problems.unexpected()).toEqual([]);
  });

  it('reads with a single day: large markers mid-way along a week-wide axis, labelled, with interval whiskers', async () => {
    const { page, problems } = await opener.open(`/trends?dataset=${encodeURIComponent(fixture.smokeDatasetPath)}`);
    await chartsReady(page, 3);
    expect(await page.locator('#trends-dataset option:checked').innerText()).toBe('smoke.jsonl');
    for (const canvas of ['chart-success', 'chart-tokens', 'chart-cost']) {
      const facts = await chartFacts(page, canvas);
      expect(facts.series.map((series) => series.label), canvas).toEqual(nightlyModels.filter((model) => model === 'sim:strong' || model === 'sim:weak').map((model) => `${model} · react`));
      expect(facts.xMax - facts.xMin, canvas).toBeGreaterThanOrEqual(7);
      expect(facts.pluginIds, canvas).toContain('agentlabValueLabels');
      for (const series of facts.series) {
        expect(series.pointRadius).toBeGreaterThanOrEqual(6);
        const position = (series.points[0]!.x - facts.xMin) / (facts.xMax - facts.xMin);
        expect(position).toBeGreaterThan(0.3);
        expect(position).toBeLessThan(0.7);
      }
    }
    expect((await chartFacts(page, 'chart-success')).pluginIds).toContain('agentlabWhiskers');
    expect(dayNumber(new Date(fixture.smoke.startedAt).toISOString().slice(0, 10))).toBe(Math.round((await chartFacts(page, 'chart-success')).series[0]!.points[0]!.x));
    await screenshot(page, 'trends-single-day');
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('compare', () => {
  it('offers the store\'s runs and the chosen run\'s models in selects, and compares what is picked', async () => {
    const { page, problems } = await opener.open('/compare');
    const runs = [...fixture.nightly].reverse();
    const baselineOptions = page.locator('#compare-baseline option');
    expect(await baselineOptions.count()).toBe(9);
    const newestLabel = await page.locator(`#compare-candidate option[value="${runs[0]!.id}"]`).innerText();
    expect(newestLabel).toContain(runs[0]!.id);
    expect(newestLabel).toContain('agent-tasks.jsonl');
    expect(newestLabel).toContain(new Date(runs[0]!.startedAt).toISOString().slice(0, 10));
    expect(await page.locator(`#compare-baseline option[value="${fixture.interrupted.id}"]`).innerText()).toContain('interrupted');
    expect(await page.locator('#compare-model-a option').allInnerTexts()).toEqual(fixture.nightly[6]!.config.models);
    expect(await page.locator('input[name="modelA"], input[name="modelB"]').count()).toBe(0);
    const text = await readText(page);
    expect(text).not.toContain('below');
    expect(text).not.toMatch(wrongPlurals);
    await screenshot(page, 'compare-default');

    // Two runs: the first night against the last.
    await page.selectOption('#compare-baseline', fixture.nightly[0]!.id);
    await page.selectOption('#compare-candidate', fixture.nightly[6]!.id);
    await Promise.all([page.waitForURL(/candidate=/), page.locator('#compare-runs-form button').click()]);
    expect(new URL(page.url()).searchParams.get('baseline')).toBe(fixture.nightly[0]!.id);
    expect(await page.locator('.verdict p').first().innerText()).toMatch(new RegExp(`${fixture.nightly[6]!.id} against ${fixture.nightly[0]!.id}: \\d+ regressions? .* paired results?`));
    expect(await readText(page)).not.toMatch(wrongPlurals);

    // Two models: the smoke run's, picked from selects that follow the run.
    await page.selectOption('#compare-run', fixture.smoke.id);
    expect(await page.locator('#compare-model-a option').allInnerTexts()).toEqual(['sim:strong', 'sim:weak']);
    expect([await page.locator('#compare-model-a').inputValue(), await page.locator('#compare-model-b').inputValue()]).toEqual(['sim:strong', 'sim:weak']);
    await page.selectOption('#compare-model-a', 'sim:weak');
    expect(await page.locator('#compare-model-b').inputValue()).toBe('sim:strong');
    await Promise.all([page.waitForURL(/modelB=/), page.locator('#compare-models-form button').click()]);
    const parameters = new URL(page.url()).searchParams;
    expect([parameters.get('run'), parameters.get('modelA'), parameters.get('modelB')]).toEqual([fixture.smoke.id, 'sim:weak', 'sim:strong']);
    expect(await page.locator('.verdict p').first().innerText()).toMatch(/^sim:strong against sim:weak: /);
    expect(await page.locator('#compare-run').inputValue()).toBe(fixture.smoke.id);
    expect(await page.locator('#compare-model-a').inputValue()).toBe('sim:weak');
    expect(await page.locator('table.compare-sides td[title]').first().getAttribute('title')).toBe(fixture.smokeDatasetPath);
    expect(await readText(page)).not.toMatch(wrongPlurals);
    await screenshot(page, 'compare-models-picked');
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('costs', () => {
  it('still draws its four charts', async () => {
    const { page, problems } = await opener.open('/costs');
    await chartsReady(page, 4);
    expect(await page.locator('canvas[data-chart-ready="true"]').count()).toBe(4);
    await screenshot(page, 'costs');
    expect(problems.unexpected()).toEqual([]);
  });
});
