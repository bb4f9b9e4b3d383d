// The report server in a real browser (Debian's chromium through playwright-core) on a store filled
// by two real evals: each page loads with its heading and security headers and without a script
// error, charts are drawn, the run page's filter and the trace waterfall respond to clicks, and model
// output carrying markup is shown as text and never runs.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../index.js';
import { attributeBreakoutPayload, hostileText, scriptPayload } from './hostile-output.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { reportStoreFixture } from './report-store-fixture.js';
import type { ReportStoreFixture } from './report-store-fixture.js';
import { screenshotViewport, takeScreenshot } from './screenshots.js';

/** The subset of a canvas element the blank-canvas check uses (the project compiles without DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  toDataURL(): string;
  ownerDocument: { createElement(tag: 'canvas'): CanvasLike };
}


const browser = new SharedBrowser();
const opener = new PageOpener(browser);
let fixture: ReportStoreFixture;
let app: FastifyInstance;

beforeAll(async () => {
  const [filled] = await Promise.all([reportStoreFixture(), browser.launch()]);
  fixture = filled;
  app = buildApp({ store: fixture.store });
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

function newerRunId(): string {
  return fixture.runs[1].run.id;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);
}

/** The hostile text never became markup: nothing ran, no element was made from it, and no inline script exists. */
async function expectNothingInjected(page: Page): Promise<void> {
  expect(await pwned(page)).toBeUndefined();
  expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0);
  const inlineScripts = await page.locator('script:not([src]):not([type="application/json"])').count();
  expect(inlineScripts).toBe(0);
}

/** Every canvas on the page reaches data-chart-ready and has pixels that differ from a blank canvas of its size. */
async function expectChartsDrawn(page: Page, expectedCount: number): Promise<void> {
  const canvases = page.locator('canvas');
  expect(await canvases.count()).toBe(expectedCount);
  if (expectedCount === 0) return;
  await page.locator('canvas[data-chart-ready="true"]').nth(expectedCount - 1).waitFor({ state: 'attached' });
  for (const canvas of await canvases.all()) {
    const drawing = await canvas.evaluate((element: CanvasLike) => {
      const blank = element.ownerDocument.createElement('canvas');
      blank.width = element.width;
      blank.height = element.height;
      return { width: element.width, height: element.height, blank: element.toDataURL() === blank.toDataURL() };
    });
    const id = await canvas.getAttribute('id');
    expect(drawing.width, `#${id} width`).toBeGreaterThan(0);
    expect(drawing.height, `#${id} height`).toBeGreaterThan(0);
    expect(drawing.blank, `#${id} is blank`).toBe(false);
  }
}

describe('every page', () => {
  const pages: Array<{ name: string; path: () => string; heading: () => string; charts: number }> = [
    { name: 'runs', path: () => '/', heading: () => 'Runs', charts: 0 },
    { name: 'run', path: () => `/runs/${newerRunId()}`, heading: () => `Run ${newerRunId()}`, charts: 0 },
    { name: 'trends', path: () => '/trends', heading: () => 'Trends', charts: 3 },
    { name: 'compare', path: () => '/compare', heading: () => 'Compare', charts: 0 },
    { name: 'case history', path: () => '/cases/water', heading: () => 'Case water', charts: 0 },
    { name: 'trace', path: () => `/traces/${fixture.runs[1].results[0]!.traceId}`, heading: () => `Trace ${fixture.runs[1].results[0]!.traceId}`, charts: 0 },
    { name: 'traces', path: () => '/traces', heading: () => 'Traces', charts: 0 },
    { name: 'costs', path: () => '/costs', heading: () => 'Costs', charts: 4 },
  ];

  it.each(pages)('$name page loads with its heading, security headers, drawn charts, no errors and no sideways scrolling, and is photographed', async ({ name, path, heading, charts }) => {
    const { page, problems, response } = await opener.open(path());
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect((await page.locator('h1').innerText()).trim()).toBe(heading());
    await expectChartsDrawn(page, charts);
    await takeScreenshot(page, `page-${name.replace(/ /g, '-')}`);
    expect(await sidewaysOverflow(page), `${name} page: pixels it scrolls sideways at ${screenshotViewport.width} px`).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('run page', () => {
  it('shows only failed results, each with its failed checks, after clicking "Failed"', async () => {
    const { page, problems } = await opener.open(`/runs/${newerRunId()}`);
    const failed = fixture.store.caseResults(newerRunId(), { status: 'fail' });
    expect(failed.length).toBeGreaterThan(1);
    const rows = page.locator('#results-body tr.result');
    expect(await rows.count()).toBe(fixture.store.caseResults(newerRunId()).length);

    await page.locator('nav.tabs a', { hasText: /^Failed/ }).click();
    await page.waitForURL(/[?&]status=fail/);
    expect(await page.locator('nav.tabs a[aria-current="page"]').innerText()).toMatch(/^Failed/);
    expect(await rows.count()).toBe(failed.length);
    expect(await page.locator('#results-body tr.result:not([data-status="fail"])').count()).toBe(0);
    for (const row of await rows.all()) {
      expect(await row.locator('.status').innerText()).toBe('fail');
      expect(await row.locator('ul.reasons li').count()).toBeGreaterThan(0);
      expect(await row.getByRole('link', { name: 'trace' }).count()).toBe(1);
    }
    expect(problems.unexpected()).toEqual([]);
  });

  it('opens a trace from a failed result: the waterfall has a bar per span, and a clicked span shows its attributes', async () => {
    const { page, problems } = await opener.open(`/runs/${newerRunId()}?status=fail`);
    const evalRow = page.locator('#results-body tr.result', { hasNot: page.locator('summary', { hasText: fixture.hostile.caseId }) }).first();
    const traceHref = await evalRow.getByRole('link', { name: 'trace' }).getAttribute('href');
    const traceId = traceHref!.replace('/traces/', '');
    const spans = fixture.store.spans(traceId);
    expect(spans.length).toBeGreaterThan(1);

    await evalRow.getByRole('link', { name: 'trace' }).click();
    await page.waitForURL(`**/traces/${traceId}`);
    await page.locator('#waterfall[data-chart-ready="true"]').waitFor();
    expect(await page.locator('#waterfall rect.span-bar').count()).toBe(spans.length);
    expect(await page.locator('#waterfall tr.span-row').count()).toBe(spans.length);

    // A span other than the one the panel shows at first.
    const initiallySelected = await page.locator('#waterfall tr[aria-selected="true"]').getAttribute('data-span-id');
    const link = page.locator('#waterfall a[data-span-id]').nth(1);
    const spanId = (await link.getAttribute('data-span-id'))!;
    expect(spanId).not.toBe(initiallySelected);
    const span = spans.find((candidate) => candidate.spanId === spanId)!;
    await link.click();
    await page.waitForURL(`**/traces/${traceId}?span=${spanId}`);
    expect(await page.locator('#waterfall tr[aria-selected="true"]').getAttribute('data-span-id')).toBe(spanId);
    expect(await page.locator('#span-panel-title').innerText()).toBe(span.name);
    const operation = page.locator('#span-attributes tr', { has: page.locator('code', { hasText: /^gen_ai\.operation\.name$/ }) });
    expect(await operation.locator('td.attribute-value').innerText()).toBe(String(span.attributes['gen_ai.operation.name']));
    expect(await page.locator('#span-panel-facts').innerText()).toContain(spanId);
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('hostile model output', () => {
  it('is shown as text on the run page, in the failed check and the output, and never runs', async () => {
    const { page, problems } = await opener.open(`/runs/${fixture.hostile.runId}?case=${fixture.hostile.caseId}`);
    const row = page.locator('#results-body tr.result');
    expect(await row.count()).toBe(1);
    const reason = row.locator('ul.reasons li', { hasText: 'output_contains' });
    expect(await reason.innerText()).toContain(scriptPayload);
    expect(await reason.innerText()).toContain(attributeBreakoutPayload);
    await row.locator('summary').click();
    const output = page.locator('#results-body tr.result-card .result-output pre');
    expect(await output.isVisible()).toBe(true);
    expect(await output.innerText()).toBe(hostileText);
    expect(await page.getByText(scriptPayload).first().isVisible()).toBe(true);
    await expectNothingInjected(page);
    expect(problems.unexpected()).toEqual([]);
  });

  it('is shown as text in the span panel, whether the server renders it or a click puts it there', async () => {
    const { hostile } = fixture;
    const { page, problems } = await opener.open(`/runs/${hostile.runId}?case=${hostile.caseId}`);
    await page.locator('#results-body tr.result').getByRole('link', { name: 'trace' }).click();
    await page.waitForURL(`**/traces/${hostile.traceId}`);
    await page.locator('#waterfall[data-chart-ready="true"]').waitFor();
    expect(await page.locator('#waterfall rect.span-bar').count()).toBe(fixture.store.spans(hostile.traceId).length);

    await page.locator(`#waterfall a[data-span-id="${hostile.spanId}"]`).click();
    expect(await page.locator('#span-panel-title').innerText()).toBe(hostile.spanName);
    const message = page.locator('#span-attributes tr', { has: page.locator('code', { hasText: /^gen_ai\.output\.messages$/ }) }).locator('td.attribute-value');
    expect(await message.innerText()).toBe(hostileText);
    expect(await page.locator('#span-events').innerText()).toContain(scriptPayload);
    await expectNothingInjected(page);

    // The same span chosen by URL, so the server's template writes the panel.
    await page.goto(`${opener.baseUrl}/traces/${hostile.traceId}?span=${hostile.spanId}`);
    await page.locator('#waterfall[data-chart-ready="true"]').waitFor();
    expect(await message.innerText()).toBe(hostileText);
    expect(await page.getByText(scriptPayload).first().isVisible()).toBe(true);
    await expectNothingInjected(page);
    expect(problems.unexpected()).toEqual([]);
  });
});
