// The run page of a running eval in a real browser (Debian's chromium through playwright-core): the
// test publishes the eval's progress events to the app's LiveRunHub, as the CLI does, and the open
// pages follow without a reload: the progress bar and its counts, the status tabs' counts, the
// summary table's figures and the run's status all move together and end as a reload shows them,
// and a finished case joins the rows (expandable to its case card) only where it matches the filter.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { EvalProgressEvent } from '../../eval/index.js';
import { inMemoryStorePath, openStore } from '../../store/index.js';
import type { CaseResultRecord, CaseStatus, RunRecord, Store } from '../../store/index.js';
import { buildApp, LiveRunHub } from '../index.js';
import { hostileText, scriptPayload } from './hostile-output.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageProblems } from './page-problems.js';


const browser = new SharedBrowser();
let store: Store;
let hub: LiveRunHub;
let app: FastifyInstance;
let baseUrl: string;

const startedAt = Date.UTC(2026, 0, 10, 3, 0);
const run: RunRecord = {
  id: 'run-live-1',
  startedAt,
  status: 'running',
  datasetPath: 'datasets/live.jsonl',
  datasetHash: 'live-hash',
  config: { agents: ['react'], models: ['sim:strong', 'sim:weak'], epochs: 1, concurrency: 2, seed: 5, caseTimeoutMs: 20_000 },
  plannedResults: 4,
};

beforeAll(async () => {
  store = openStore(inMemoryStorePath);
  store.createRun(run);
  store.recordDatasetCases(run.datasetHash, ['first', 'second', 'third', 'fourth'].map((id) => ({ id, goal: `Answer the ${id} question with 42`, expected_output_contains: ['42'] })));
  hub = new LiveRunHub();
  app = buildApp({ store, liveRuns: hub });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  await browser.launch();
});
afterAll(async () => {
  await browser.close();
  await app?.close();
  store?.close();
});

function result(caseId: string, status: CaseStatus, model = 'sim:strong'): CaseResultRecord {
  const passed = status === 'pass';
  return {
    runId: run.id,
    caseId,
    agent: 'react',
    model,
    epoch: 1,
    status,
    checks: [{ check: 'output_contains', passed, reason: passed ? 'the answer has "42"' : `the answer lacks "42"; it was: ${hostileText}` }],
    output: passed ? 'The answer is 42.' : hostileText,
    agentStatus: status === 'error' ? 'error' : 'completed',
    ...(status === 'error' ? { error: { code: 'AGENTLAB_MODEL_FAILED', message: `the model answered 500: ${scriptPayload}` } } : {}),
    toolsCalled: [],
    modelCalls: 1,
    toolCalls: 0,
    inputTokens: 30,
    outputTokens: 10,
    costUsd: 0.0001,
    latencyMs: 25,
    seed: 5,
    tags: [],
    startedAt,
    finishedAt: startedAt + 25,
  };
}

/** What the runner does with a finished case: store it, then report it. */
function finishCase(caseResult: CaseResultRecord, done: number): void {
  store.addCaseResult(caseResult);
  hub.publish({ type: 'case-end', result: caseResult, done, total: run.plannedResults });
}

async function counts(page: Page): Promise<Record<string, string>> {
  const entries = await page.locator('[data-count]').evaluateAll((nodes: Array<{ getAttribute(name: string): string | null; textContent: string | null }>) =>
    nodes.map((node) => [node.getAttribute('data-count') ?? '', node.textContent ?? '']),
  );
  return Object.fromEntries(entries);
}

async function progressValue(page: Page): Promise<{ value: number; max: number }> {
  return page.locator('#run-progress').evaluate((element: { value: number; max: number }) => ({ value: element.value, max: element.max }));
}

/** Each status tab's label and count, as the page shows them. */
async function tabCounts(page: Page): Promise<Record<string, string>> {
  const entries = await page.locator('nav.tabs a').evaluateAll((nodes: Array<{ childNodes: ArrayLike<{ textContent: string | null }>; querySelector(selector: string): { textContent: string | null } | null }>) =>
    nodes.map((node) => [(node.childNodes[0]?.textContent ?? '').trim(), node.querySelector('.count')?.textContent ?? '']),
  );
  return Object.fromEntries(entries);
}

/** The summary table's `all` row: pass, fail and error counts and the success interval. */
async function summaryTotals(page: Page): Promise<string[]> {
  const row = page.locator('#summary tr.total td');
  if ((await row.count()) === 0) return [];
  return (await row.allInnerTexts()).slice(2, 6);
}

const figures = { timeout: 8_000 };

it('follows a running eval: progress, tab counts, summary figures and rows move together without a reload', async () => {
  const context = await browser.get().newContext();
  try {
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const failedOnly = await context.newPage();
    const problems = new PageProblems(page);
    const failedProblems = new PageProblems(failedOnly);
    hub.publish({ type: 'eval-start', run, total: run.plannedResults, alreadyDone: 0 } satisfies EvalProgressEvent);

    const response = await page.goto(`${baseUrl}/runs/${run.id}`);
    expect(response?.status()).toBe(200);
    expect((await failedOnly.goto(`${baseUrl}/runs/${run.id}?status=fail`))?.status()).toBe(200);
    await page.locator('#live-state', { hasText: /^live$/ }).waitFor();
    await failedOnly.locator('#live-state', { hasText: /^live$/ }).waitFor();
    await vi.waitFor(() => expect(hub.subscriberCount(run.id)).toBe(2));
    // Still the same document at the end: a reload would drop this.
    await page.evaluate(() => {
      (globalThis as { __sameDocument?: boolean }).__sameDocument = true;
    });
    expect(await counts(page)).toEqual({ done: '0', total: '4', passed: '0', failed: '0', errors: '0' });
    expect(await tabCounts(page)).toEqual({ All: '0', Failed: '0', Errors: '0', 'Flaky cells': '0', Passed: '0' });
    expect(await page.locator('#summary').innerText()).toContain('No results yet.');

    finishCase(result('first', 'pass'), 1);
    await vi.waitFor(async () => expect(await counts(page)).toEqual({ done: '1', total: '4', passed: '1', failed: '0', errors: '0' }));
    expect(await progressValue(page)).toEqual({ value: 1, max: 4 });
    await vi.waitFor(async () => expect(await tabCounts(page)).toEqual({ All: '1', Failed: '0', Errors: '0', 'Flaky cells': '0', Passed: '1' }), figures);
    await vi.waitFor(async () => expect(await summaryTotals(page)).toEqual(['1', '0', '0', '100.0% [20.7–100.0]']), figures);

    hub.publish({ type: 'case-start', caseId: 'second', agent: 'react', model: 'sim:strong', epoch: 1 });
    finishCase(result('second', 'fail'), 2);
    finishCase(result('third', 'error', 'sim:weak'), 3);
    await vi.waitFor(async () => expect(await counts(page)).toEqual({ done: '3', total: '4', passed: '1', failed: '1', errors: '1' }));
    expect(await progressValue(page)).toEqual({ value: 3, max: 4 });
    await vi.waitFor(async () => expect(await tabCounts(page)).toEqual({ All: '3', Failed: '1', Errors: '1', 'Flaky cells': '0', Passed: '1' }), figures);
    await vi.waitFor(async () => expect(await summaryTotals(page)).toEqual(['1', '1', '1', '50.0% [9.5–90.5]']), figures);
    // A model × agent's row appears once it has a result.
    expect(await page.locator('#summary tbody tr').count()).toBe(3);
    // The filtered page's tabs count under its filter too, and only the failed case joined its rows.
    await vi.waitFor(async () => expect(await tabCounts(failedOnly)).toMatchObject({ All: '3', Failed: '1' }), figures);
    expect(await failedOnly.locator('#results-body tr.result').count()).toBe(1);
    expect(await failedOnly.locator('#results-body tr.result').getAttribute('data-status')).toBe('fail');

    const rows = page.locator('#results-body tr.result.live-row');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('#results-empty').count()).toBe(0);
    // Newest first; the failed row's reason and the error's message arrive as text.
    expect(await rows.nth(0).getAttribute('data-status')).toBe('error');
    expect(await rows.nth(0).locator('ul.reasons li').first().innerText()).toBe(`AGENTLAB_MODEL_FAILED: the model answered 500: ${scriptPayload}`);
    expect(await rows.nth(1).locator('ul.reasons li').innerText()).toContain(hostileText);
    // A row that arrived live expands to its case card like the others.
    const card = page.locator('#results-body tr.result-card').nth(1);
    expect(await card.isVisible()).toBe(false);
    await rows.nth(1).locator('summary').click();
    expect(await card.isVisible()).toBe(true);
    expect(await card.locator('.case-goal').innerText()).toContain('Answer the second question with 42');
    expect(await card.locator('.expectations').innerText()).toContain('“42”');
    expect(await card.locator('.verdicts li.check-fail').innerText()).toContain(hostileText);

    finishCase(result('fourth', 'pass', 'sim:weak'), 4);
    store.finishRun(run.id, 'completed', startedAt + 60_000);
    hub.publish({ type: 'eval-end', run: { ...run, status: 'completed', finishedAt: startedAt + 60_000 }, done: 4, total: 4, interrupted: false });
    await page.locator('#live-state', { hasText: 'finished' }).waitFor();
    expect(await counts(page)).toEqual({ done: '4', total: '4', passed: '2', failed: '1', errors: '1' });
    expect(await progressValue(page)).toEqual({ value: 4, max: 4 });
    expect(await rows.count()).toBe(4);
    await vi.waitFor(async () => expect(await page.locator('#run-facts').innerText()).toContain('completed'), figures);
    await vi.waitFor(async () => expect(await tabCounts(page)).toEqual({ All: '4', Failed: '1', Errors: '1', 'Flaky cells': '0', Passed: '2' }), figures);

    // What the live page shows is what a reload shows.
    const live = { summary: await page.locator('#summary').innerText(), tabs: await tabCounts(page), facts: await page.locator('#run-facts').innerText(), counts: await counts(page) };
    expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await vi.waitFor(() => expect(hub.subscriberCount(run.id)).toBe(0));
    await page.reload();
    expect({ summary: await page.locator('#summary').innerText(), tabs: await tabCounts(page), facts: await page.locator('#run-facts').innerText(), counts: await counts(page) }).toEqual(live);
    expect(problems.unexpected()).toEqual([]);
    expect(failedProblems.unexpected()).toEqual([]);
  } finally {
    await context.close();
  }
});
