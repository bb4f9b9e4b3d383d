// The run page of a running eval in a real browser (Debian's chromium through playwright-core): the
// test publishes the eval's progress events to the app's LiveRunHub, as the CLI does, and the open
// page's counts, progress bar and rows follow over server-sent events without a reload.
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
  config: { agents: ['react'], models: ['sim:strong'], epochs: 1, concurrency: 2, seed: 5, caseTimeoutMs: 20_000 },
  plannedResults: 4,
};

beforeAll(async () => {
  store = openStore(inMemoryStorePath);
  store.createRun(run);
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

function result(caseId: string, status: CaseStatus): CaseResultRecord {
  const passed = status === 'pass';
  return {
    runId: run.id,
    caseId,
    agent: 'react',
    model: 'sim:strong',
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

it('follows a running eval: counts, progress bar and rows update without a reload', async () => {
  const context = await browser.get().newContext();
  try {
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = new PageProblems(page);
    hub.publish({ type: 'eval-start', run, total: run.plannedResults, alreadyDone: 0 } satisfies EvalProgressEvent);

    const response = await page.goto(`${baseUrl}/runs/${run.id}`);
    expect(response?.status()).toBe(200);
    await page.locator('#live-state', { hasText: /^live$/ }).waitFor();
    await vi.waitFor(() => expect(hub.subscriberCount(run.id)).toBe(1));
    // Still the same document at the end: a reload would drop this.
    await page.evaluate(() => {
      (globalThis as { __sameDocument?: boolean }).__sameDocument = true;
    });
    expect(await counts(page)).toEqual({ done: '0', total: '4', passed: '0', failed: '0', errors: '0' });

    finishCase(result('first', 'pass'), 1);
    await vi.waitFor(async () => expect(await counts(page)).toEqual({ done: '1', total: '4', passed: '1', failed: '0', errors: '0' }));
    expect(await progressValue(page)).toEqual({ value: 1, max: 4 });

    hub.publish({ type: 'case-start', caseId: 'second', agent: 'react', model: 'sim:strong', epoch: 1 });
    finishCase(result('second', 'fail'), 2);
    finishCase(result('third', 'error'), 3);
    await vi.waitFor(async () => expect(await counts(page)).toEqual({ done: '3', total: '4', passed: '1', failed: '1', errors: '1' }));
    expect(await progressValue(page)).toEqual({ value: 3, max: 4 });
    const rows = page.locator('#results-body tr.live-row');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('#results-empty').count()).toBe(0);
    // Newest first; the failed row's reason and the error's message arrive as text.
    expect(await rows.nth(0).getAttribute('data-status')).toBe('error');
    expect(await rows.nth(0).locator('ul.reasons li').first().innerText()).toBe(`AGENTLAB_MODEL_FAILED: the model answered 500: ${scriptPayload}`);
    expect(await rows.nth(1).locator('ul.reasons li').innerText()).toContain(hostileText);

    finishCase(result('fourth', 'pass'), 4);
    store.finishRun(run.id, 'completed', startedAt + 60_000);
    hub.publish({ type: 'eval-end', run: { ...run, status: 'completed', finishedAt: startedAt + 60_000 }, done: 4, total: 4, interrupted: false });
    await page.locator('#live-state', { hasText: 'finished' }).waitFor();
    expect(await counts(page)).toEqual({ done: '4', total: '4', passed: '2', failed: '1', errors: '1' });
    expect(await progressValue(page)).toEqual({ value: 4, max: 4 });
    expect(await rows.count()).toBe(4);

    expect(await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await vi.waitFor(() => expect(hub.subscriberCount(run.id)).toBe(0));
    expect(problems.unexpected()).toEqual([]);
  } finally {
    await context.close();
  }
});
