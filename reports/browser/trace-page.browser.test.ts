// The trace and case pages as a person meets them in a real browser (Debian's chromium), on the
// shared store of two real evals with captured content: a failed case's trace opens on its verdict
// and reads as a conversation, with nothing raw shown unless asked for; its exception's stack opens
// on a click; costs read as figures and the model as agentlab names it; the case page says why each
// run failed. Each page is photographed at 1366×900 and must not scroll sideways.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResultRecord } from '../../store/index.js';
import { buildApp } from '../index.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { reportStoreFixture } from './report-store-fixture.js';
import type { ReportStoreFixture } from './report-store-fixture.js';
import { takeScreenshot } from './screenshots.js';

const browser = new SharedBrowser();
const opener = new PageOpener(browser);
let fixture: ReportStoreFixture;
let app: FastifyInstance;
let failed: CaseResultRecord;

/** Whether every tool call of the trace had JSON arguments (the weak model sometimes writes broken JSON, which is shown as written). */
function toolArgumentsAreJson(traceId: string): boolean {
  return fixture.store.spans(traceId).every((span) => {
    const written = span.attributes['gen_ai.tool.call.arguments'];
    if (typeof written !== 'string') return true;
    try {
      JSON.parse(written);
      return true;
    } catch {
      return false;
    }
  });
}

const recordsException = (traceId: string) => fixture.store.spans(traceId).some((span) => span.events.some((event) => event.name === 'exception'));

beforeAll(async () => {
  const [filled] = await Promise.all([reportStoreFixture(), browser.launch()]);
  fixture = filled;
  app = buildApp({ store: fixture.store });
  opener.baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const results = [...fixture.runs[1].results, ...fixture.runs[0].results];
  const candidate = results.find((result) => result.status === 'fail' && result.toolCalls > 0 && result.traceId && toolArgumentsAreJson(result.traceId) && recordsException(result.traceId));
  expect(candidate, 'the fixture has a failed case that called tools with JSON arguments and recorded an exception').toBeDefined();
  failed = candidate!;
}, 120_000);
afterEach(async () => {
  await opener.closeAll();
});
afterAll(async () => {
  await browser.close();
  await app?.close();
  await fixture?.cleanUp();
});

/** The texts of the transcript's elements that are shown, trimmed: what a person reads there. */
async function visibleTranscriptTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const node of await page.locator('.transcript .message-text, .transcript pre, .transcript .message-head').all()) {
    if (await node.isVisible()) texts.push((await node.innerText()).trim());
  }
  return texts;
}

describe('the trace page of a failed case', () => {
  it('opens on the verdict and reads as a conversation, with nothing raw unless asked for', async () => {
    const { page, problems } = await opener.open(`/traces/${failed.traceId}`);
    await page.locator('#waterfall[data-chart-ready="true"]').waitFor();
    await takeScreenshot(page, 'trace-page');

    const verdict = page.locator('#verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.locator('#verdict-title').innerText()).toBe(`Case ${failed.caseId} fail`);
    const failedCheck = failed.checks.find((check) => !check.passed)!;
    const firstVerdict = verdict.locator('.verdicts li').first();
    expect(await firstVerdict.innerText()).toBe(`✗ ${failedCheck.check} ${failedCheck.reason}`);
    expect(await verdict.locator('.case-goal').innerText()).toMatch(/^Goal\s+\S/i);
    expect(await verdict.getByRole('link', { name: failed.caseId }).getAttribute('href')).toBe(`/cases/${failed.caseId}`);
    // The model as the eval named it, not as the simulator's spans do (`weak`).
    expect(await verdict.locator('dt:text-is("Model") + dd').innerText()).toBe(failed.model);
    expect(await page.locator('.trace-facts dt:text-is("Models") + dd').innerText()).toBe(failed.model);
    expect(failed.model).toMatch(/^sim:/);

    const roles = await page.locator('.transcript .message .role').allInnerTexts();
    for (const role of ['SYSTEM', 'USER', 'ASSISTANT', 'TOOL']) expect(roles.map((text) => text.toUpperCase())).toContain(role);
    const firstArguments = await page.locator('.transcript pre.arguments').first().innerText();
    expect(firstArguments).toBe(JSON.stringify(JSON.parse(firstArguments), null, 2));
    expect(firstArguments).toContain('\n');
    const texts = await visibleTranscriptTexts(page);
    expect(texts.length).toBeGreaterThan(4);
    expect(texts.filter((text) => text.startsWith('[{"role"') || text.startsWith('{"'))).toEqual([]);
    expect(await page.locator('.transcript .message.final').count()).toBe(1);

    // Figures as people read them: no float noise anywhere shown.
    const shown = await page.locator('body').innerText();
    expect(shown.match(/\d\.\d{10,}/g)).toBeNull();
    expect(shown).toMatch(/\$0\.\d*[1-9]\d{0,3}\b/);
    // The raw attributes are there, behind their toggle.
    expect(await page.locator('#span-raw-json').isVisible()).toBe(false);
    await page.locator('details.raw-attributes summary').click();
    expect(await page.locator('#span-raw-json').isVisible()).toBe(true);

    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });

  it("folds an exception to its type and message, its stack shown only when asked for", async () => {
    const { page, problems } = await opener.open(`/traces/${failed.traceId}`);
    const exception = page.locator('.trace-exceptions .span-event.exception').first();
    expect(await exception.locator('strong').isVisible()).toBe(true);
    expect((await exception.locator('.exception-message').innerText()).length).toBeGreaterThan(0);
    const stack = exception.locator('details.stack pre');
    expect(await stack.isVisible()).toBe(false);
    await exception.locator('details.stack summary').click();
    expect(await stack.isVisible()).toBe(true);
    expect(await stack.innerText()).toMatch(/\n\s+at /);
    await stack.scrollIntoViewIfNeeded();
    await takeScreenshot(page, 'trace-page-stack-open');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });

  it('shows a clicked model call in the panel with its model reference, figures and folded JSON', async () => {
    const { page, problems } = await opener.open(`/traces/${failed.traceId}`);
    await page.locator('#waterfall[data-chart-ready="true"]').waitFor();
    const modelCall = page.locator('#waterfall a[data-span-id]', { hasText: /^chat / }).first();
    await modelCall.click();
    const facts = page.locator('#span-panel-facts');
    expect(await facts.locator('dt:text-is("Model") + dd').innerText()).toBe(failed.model);
    expect(await facts.locator('dt:text-is("Cost") + dd').innerText()).toMatch(/^\$\d+\.\d+$/);
    expect(await facts.locator('dt:text-is("Tokens") + dd').innerText()).toMatch(/^[\d,]+ in · [\d,]+ out$/);
    const messages = page.locator('#span-attributes tr', { has: page.locator('code', { hasText: /^gen_ai\.input\.messages$/ }) });
    expect(await messages.locator('summary').innerText()).toMatch(/^\d+ messages? · JSON/);
    expect(await messages.locator('pre').isVisible()).toBe(false);
    await messages.locator('summary').click();
    expect(await messages.locator('pre').innerText()).toMatch(/^\[\n {2}\{/);
    expect(problems.unexpected()).toEqual([]);
  });
});

describe('the case page', () => {
  it("shows what the case asks and why each failed run failed, with links to the traces", async () => {
    const { page, problems } = await opener.open(`/cases/${failed.caseId}`);
    await takeScreenshot(page, 'case-page');
    expect(await page.locator('.case-definition .case-goal').isVisible()).toBe(true);
    const reasons = page.locator('tr.case-run-reasons');
    expect(await reasons.count()).toBeGreaterThan(0);
    const failedCheck = failed.checks.find((check) => !check.passed)!;
    expect(await reasons.locator('li', { hasText: failedCheck.reason }).count()).toBeGreaterThan(0);
    expect(await page.locator(`tr.case-run-reasons a[href="/traces/${failed.traceId}"]`).count()).toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });
});
