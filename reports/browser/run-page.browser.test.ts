// The run page in a real browser (Debian's chromium through playwright-core) on runs made by real
// evals: the controls form filters (the URL and the rows change), the summary's rows and figures
// open their results, a failed row expands to its case card with the goal, the expectations and the
// failed check's reason, and the pager walks a run of 130 results keeping the filter. Every page is
// photographed (takeScreenshot), has no console error and no horizontal scrolling.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';
import { buildApp } from '../index.js';
import { caseResult, runRecord } from '../test-support.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { reportStoreFixture } from './report-store-fixture.js';
import type { ReportStoreFixture } from './report-store-fixture.js';
import { takeScreenshot } from './screenshots.js';

const browser = new SharedBrowser();
const opener = new PageOpener(browser);
let fixture: ReportStoreFixture;
let app: FastifyInstance;

/** A run of 130 results (26 cases × 5 epochs on react × sim:strong), every seventh failing, for the pager. */
const pagedRun: RunRecord = runRecord({
  id: 'run-paged',
  datasetHash: 'hash-paged',
  config: { agents: ['react'], models: ['sim:strong'], epochs: 5, concurrency: 4, seed: 1, caseTimeoutMs: 60_000 },
  plannedResults: 130,
});
const pagedResults: CaseResultRecord[] = Array.from({ length: 130 }, (_, index) => {
  const caseId = `case-${String.fromCharCode(97 + Math.floor(index / 5))}`;
  const failed = index % 7 === 3;
  return caseResult({
    runId: pagedRun.id,
    caseId,
    epoch: (index % 5) + 1,
    status: failed ? 'fail' : 'pass',
    checks: [{ check: 'output_contains', passed: !failed, reason: failed ? 'the answer lacks "42"' : 'the answer has "42"' }],
    traceId: undefined,
  });
});

beforeAll(async () => {
  const [filled] = await Promise.all([reportStoreFixture(), browser.launch()]);
  fixture = filled;
  fixture.store.createRun(pagedRun);
  fixture.store.recordDatasetCases(pagedRun.datasetHash, [...new Set(pagedResults.map((result) => result.caseId))].map((id) => ({ id, goal: `Answer ${id} with 42`, expected_output_contains: ['42'] })));
  for (const result of pagedResults) fixture.store.addCaseResult(result);
  fixture.store.flush();
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

function newerRun(): RunRecord {
  return fixture.runs[1].run;
}

/** Every result of the newer run, hostile one included, as the store holds them. */
function newerResults(filter: Parameters<ReportStoreFixture['store']['caseResults']>[1] = {}): CaseResultRecord[] {
  return fixture.store.caseResults(newerRun().id, filter);
}

/** Nothing sticks out sideways: the document is no wider than the window. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  expect(await sidewaysOverflow(page), 'pixels the page scrolls sideways').toBeLessThanOrEqual(0);
}

/** Each shown result row's case, agent, model and status. */
async function shownRows(page: Page): Promise<Array<{ caseId: string; agent: string; model: string; status: string }>> {
  return page.locator('#results-body tr.result').evaluateAll((rows: Array<{ getAttribute(name: string): string | null; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> }>) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      return { caseId: (cells[0]?.textContent ?? '').trim(), agent: (cells[1]?.textContent ?? '').trim(), model: (cells[2]?.textContent ?? '').trim(), status: row.getAttribute('data-status') ?? '' };
    }),
  );
}

describe('run page', () => {
  it('shows the summary, the controls, the tabs and a page of results, each row collapsed', async () => {
    const { page, problems } = await opener.open(`/runs/${newerRun().id}`);
    await takeScreenshot(page, 'run-page');
    const results = newerResults();
    expect(await page.locator('#results-body tr.result').count()).toBe(results.length);
    expect(await page.locator('#results-count').innerText()).toBe(`${results.length} results`);
    const controls = page.locator('form.result-controls');
    for (const name of ['status', 'agent', 'model', 'tag']) expect(await controls.locator(`select[name="${name}"]`).isVisible(), name).toBe(true);
    expect(await controls.locator('input[name="q"]').isVisible()).toBe(true);
    expect(await controls.locator('select[name="model"] option').allInnerTexts()).toEqual(['all', ...newerRun().config.models]);
    expect(await controls.locator('select[name="tag"] option').allInnerTexts()).toEqual(['all', 'hostile', 'math', 'search']);
    // Cards stay folded until asked for; the summary says what its flaky cells are.
    expect(await page.locator('#results-body tr.result-card').first().isVisible()).toBe(false);
    expect(await page.locator('#flaky-help').innerText()).toContain('Flaky cells: a case on one agent and model whose epochs disagreed');
    await expectNoHorizontalOverflow(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    await expectNoHorizontalOverflow(page);
    expect(problems.unexpected()).toEqual([]);
  });

  it('filters through the controls: a status and a model chosen change the URL and the rows', async () => {
    const { page, problems } = await opener.open(`/runs/${newerRun().id}`);
    const controls = page.locator('form.result-controls');
    await controls.locator('select[name="status"]').selectOption('fail');
    await controls.locator('select[name="model"]').selectOption('sim:weak');
    await controls.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'fail' && url.searchParams.get('model') === 'sim:weak');
    expect(new URL(page.url()).hash).toBe('#results');

    const expected = newerResults({ status: 'fail', model: 'sim:weak' });
    expect(expected.length).toBeGreaterThan(1);
    const rows = await shownRows(page);
    expect(rows).toEqual(expected.map((result) => ({ caseId: result.caseId, agent: result.agent, model: result.model, status: 'fail' })));
    expect(await page.locator('#results-count').innerText()).toBe(`${expected.length} results · only model sim:weak · drop these filters`);
    expect(await controls.locator('select[name="status"]').inputValue()).toBe('fail');
    expect(await controls.locator('select[name="model"]').inputValue()).toBe('sim:weak');
    expect(await page.locator('nav.tabs a[aria-current="page"]').innerText()).toMatch(/^Failed/);
    await takeScreenshot(page, 'run-page-filtered');

    // Free text narrows further; Clear filters brings every result back.
    await controls.locator('input[name="q"]').fill(fixture.hostile.caseId.toUpperCase());
    await controls.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === fixture.hostile.caseId.toUpperCase());
    expect((await shownRows(page)).map((row) => row.caseId)).toEqual([fixture.hostile.caseId]);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await page.locator('#results-body tr.result').count()).toBe(newerResults().length);
    await expectNoHorizontalOverflow(page);
    expect(problems.unexpected()).toEqual([]);
  });

  it('expands a failed row to its goal, expectations and the failed check\'s reason, which the row already shows', async () => {
    const run = newerRun();
    const failed = newerResults({ status: 'fail' }).find((result) => result.caseId !== fixture.hostile.caseId)!;
    const definition = fixture.store.datasetCase(run.datasetHash, failed.caseId) as { goal: string; expected_tools: string[] } | undefined;
    expect(definition, 'the fixture records case definitions').toBeDefined();
    const failedCheck = failed.checks.find((check) => !check.passed)!;
    const { page, problems } = await opener.open(`/runs/${run.id}?status=fail&case=${failed.caseId}&agent=${failed.agent}&model=${encodeURIComponent(failed.model)}`);
    const row = page.locator('#results-body tr.result').first();
    const card = page.locator('#results-body tr.result-card').first();
    // At a glance, before any click.
    expect(await row.locator('ul.reasons').innerText()).toContain(failedCheck.reason);
    expect(await card.isVisible()).toBe(false);

    await row.locator('summary').click();
    expect(await card.isVisible()).toBe(true);
    expect(await card.locator('.case-goal').textContent()).toBe(`Goal ${definition!.goal}`);
    expect(await card.locator('.expectations').innerText()).toContain(definition!.expected_tools[0]!);
    const verdict = card.locator('.verdicts li.check-fail').first();
    expect(await verdict.innerText()).toContain(`${failedCheck.check} ${failedCheck.reason}`);
    expect(await card.locator('.verdicts li.check-pass').count()).toBe(failed.checks.filter((check) => check.passed).length);
    expect(await card.locator('.result-output pre').innerText()).toBe(failed.output.trim());
    expect(await card.getByRole('link', { name: 'Open its trace' }).getAttribute('href')).toBe(`/traces/${failed.traceId}`);
    expect(await card.getByRole('link', { name: /^History of/ }).getAttribute('href')).toContain(`/cases/${failed.caseId}?`);
    await card.scrollIntoViewIfNeeded();
    await takeScreenshot(page, 'run-page-expanded');
    await expectNoHorizontalOverflow(page);

    // Folding it again hides the card.
    await row.locator('summary').click();
    expect(await card.isVisible()).toBe(false);
    expect(problems.unexpected()).toEqual([]);
  });

  it('opens the results of a summary row, of one of its figures, and of the whole run', async () => {
    const run = newerRun();
    const { page, problems } = await opener.open(`/runs/${run.id}`);
    const summaryRow = page.locator('#summary tbody tr', { has: page.locator('td:nth-child(1)', { hasText: /^sim:weak$/ }) }).filter({ has: page.locator('td:nth-child(2)', { hasText: /^react$/ }) });
    expect(await summaryRow.count()).toBe(1);

    await summaryRow.locator('td').nth(0).getByRole('link').click();
    await page.waitForURL((url) => url.searchParams.get('model') === 'sim:weak' && url.searchParams.get('agent') === 'react' && !url.searchParams.has('status'));
    expect(new URL(page.url()).hash).toBe('#results');
    const cell = newerResults({ model: 'sim:weak', agent: 'react' });
    expect((await shownRows(page)).map((row) => `${row.caseId}/${row.agent}/${row.model}`)).toEqual(cell.map((result) => `${result.caseId}/${result.agent}/${result.model}`));

    await page.goto(`${opener.baseUrl}/runs/${run.id}`);
    const failFigure = summaryRow.locator('td').nth(3).getByRole('link');
    const failedCount = Number(await failFigure.innerText());
    await failFigure.click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'fail' && url.searchParams.get('model') === 'sim:weak' && url.searchParams.get('agent') === 'react');
    const failedRows = await shownRows(page);
    expect(failedRows).toHaveLength(failedCount);
    expect(failedRows.every((row) => row.status === 'fail' && row.model === 'sim:weak' && row.agent === 'react')).toBe(true);

    await page.locator('#summary tr.total td').first().getByRole('link').click();
    await page.waitForURL((url) => url.search === '' && url.hash === '#results');
    expect(await page.locator('#results-body tr.result').count()).toBe(newerResults().length);
    expect(problems.unexpected()).toEqual([]);
  });

  it('pages through a run of 130 results, and the pager and tabs keep the filter', async () => {
    const { page, problems } = await opener.open(`/runs/${pagedRun.id}`);
    const ids = (await shownRows(page)).map((row) => row.caseId);
    expect(ids).toHaveLength(50);
    expect(await page.locator('#results-count').innerText()).toContain('Results 1–50 of 130');
    expect(await page.locator('#results-pager .current').innerText()).toBe('1');

    await page.locator('#results-pager').getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await page.locator('#results-count').innerText()).toContain('Results 51–100 of 130');
    expect((await shownRows(page)).map((row) => row.caseId)).toEqual(pagedResults.slice(50, 100).map((result) => result.caseId));

    await page.locator('#results-pager').getByRole('link', { name: '3', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '3');
    expect(await page.locator('#results-body tr.result').count()).toBe(30);
    await page.locator('#results-pager').getByRole('link', { name: '← Previous' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');

    // A tab starts its status from the first page, with the filter kept by its pages.
    await page.goto(`${opener.baseUrl}/runs/${pagedRun.id}?q=case&page=3`);
    await page.locator('nav.tabs a', { hasText: /^Passed/ }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'pass' && url.searchParams.get('q') === 'case' && !url.searchParams.has('page'));
    const passed = pagedResults.filter((result) => result.status === 'pass');
    expect(await page.locator('#results-count').innerText()).toContain(`Results 1–50 of ${passed.length}`);
    await page.locator('#results-pager').getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('status') === 'pass' && url.searchParams.get('q') === 'case');
    expect((await shownRows(page)).map((row) => row.caseId)).toEqual(passed.slice(50, 100).map((result) => result.caseId));
    await expectNoHorizontalOverflow(page);
    expect(problems.unexpected()).toEqual([]);
  });
});
