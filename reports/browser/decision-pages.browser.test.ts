// The approvals and reviews pages as a person uses them in a real browser (Debian's chromium): a
// click on Approve decides the oldest waiting call and the page shows it among the decisions; a
// correction typed on the reviews page goes to a real EpisodicMemory on the simulator's embeddings
// and the page shows the lesson's episode; a rejection without its reason is refused and the server's
// words appear beside the form, as text; on a server with a token the page asks for it and sends it.
// Every page is photographed at 1366×900, must not scroll sideways, and must log no errors.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMemory } from '../../agents/index.js';
import { ModelProvider } from '../../models/index.js';
import { SqliteStoreBackend } from '../../store/index.js';
import { buildApp } from '../index.js';
import { fixtureNow, hostileText, humanLoopFixture } from '../human-loop-fixture.js';
import type { HumanLoopFixture } from '../human-loop-fixture.js';
import { SharedBrowser } from './launch-chromium.js';
import { PageOpener, sidewaysOverflow } from './page-opener.js';
import { takeScreenshot } from './screenshots.js';

const browser = new SharedBrowser();
const opener = new PageOpener(browser);
const provider = new ModelProvider({ latency: 'zero' });
let fixture: HumanLoopFixture;
let app: FastifyInstance;

async function serve(options: { token?: string } = {}): Promise<void> {
  app = buildApp({
    store: fixture.store,
    now: () => fixtureNow,
    episodicMemory: async () => (await openMemory({ store: new SqliteStoreBackend(fixture.store), provider, embeddingModel: 'sim:strong', now: () => fixtureNow })).episodic,
    memoryNamespace: 'lessons',
    ...options,
  });
  opener.baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
}

beforeAll(async () => {
  await browser.launch();
});
beforeEach(async () => {
  fixture = await humanLoopFixture();
});
afterEach(async () => {
  await opener.closeAll();
  await app?.close();
  await fixture?.cleanUp();
});
afterAll(async () => {
  await browser.close();
  await provider.close();
});

describe('the approvals page', () => {
  it('approves the call that has waited longest with a click, and shows it among the decisions', async () => {
    await serve();
    const { page, problems } = await opener.open('/approvals');
    await page.locator('body[data-decisions-ready="true"]').waitFor();
    await takeScreenshot(page, 'approvals-page');
    expect(await page.locator('#needs-script').isVisible()).toBe(false);
    const cards = page.locator('article.approval');
    expect(await cards.count()).toBe(2);
    const oldest = page.locator(`#approval-${fixture.approvals.oldest.id}`);
    expect(await oldest.locator('.waited').innerText()).toBe('waiting 3 h');
    // The hostile goal and arguments read as text, never as markup.
    expect(await page.locator(`#approval-${fixture.approvals.newest.id} .decision-goal`).innerText()).toContain(hostileText);
    expect(await page.locator('script:not([src]):not([type="application/json"])').count()).toBe(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await page.locator('#decider-name').fill('ana');
    await oldest.locator('textarea[name="reason"]').fill('the report is obsolete');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), oldest.getByRole('button', { name: 'Approve' }).click()]);
    await page.locator('body[data-decisions-ready="true"]').waitFor();

    expect(await page.locator('article.approval').count()).toBe(1);
    const decided = page.locator(`tr#approval-${fixture.approvals.oldest.id}`);
    expect(await decided.locator('.status').first().innerText()).toBe('approved');
    expect(await decided.innerText()).toContain('by ana');
    expect(await decided.locator('td.reason').innerText()).toBe('the report is obsolete');
    expect(await decided.locator('code.command').innerText()).toBe('agentlab run --resume run-old');
    expect(fixture.store.approvals.get(fixture.approvals.oldest.id)).toMatchObject({ status: 'approved', decidedBy: 'ana', reason: 'the report is obsolete' });
    await takeScreenshot(page, 'approvals-page-decided');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });

  it("shows the server's refusal beside the form, as text, and changes nothing", async () => {
    await serve();
    const { page, problems } = await opener.open('/approvals');
    await page.locator('body[data-decisions-ready="true"]').waitFor();
    const newest = page.locator(`#approval-${fixture.approvals.newest.id}`);
    await newest.getByRole('button', { name: 'Reject' }).click();
    const error = newest.locator('.decision-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toBe('Bad request body: reason is required: the model is told why its call was rejected.');
    expect(fixture.store.approvals.get(fixture.approvals.newest.id)?.status).toBe('pending');
    await takeScreenshot(page, 'approvals-page-refused');
    // The refused POST is a 400 the browser logs as a failed resource; nothing else may complain.
    expect(problems.unexpected([/status of 400/])).toEqual([]);
  });

  it('asks for the token on a server that has one, and decides once it is given', async () => {
    await serve({ token: 'open-sesame' });
    const { page, problems } = await opener.open('/approvals');
    await page.locator('body[data-decisions-ready="true"]').waitFor();
    const oldest = page.locator(`#approval-${fixture.approvals.oldest.id}`);
    await oldest.getByRole('button', { name: 'Approve' }).click();
    const error = oldest.locator('.decision-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('enter it above');
    await page.locator('#decision-token').fill('wrong');
    await oldest.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => error.innerText()).toContain('Bearer');
    await page.locator('#decision-token').fill('open-sesame');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), oldest.getByRole('button', { name: 'Approve' }).click()]);
    expect(fixture.store.approvals.get(fixture.approvals.oldest.id)).toMatchObject({ status: 'approved', decidedBy: 'web' });
    // Kept for this tab: the reloaded page has it already.
    await page.locator('body[data-decisions-ready="true"]').waitFor();
    expect(await page.locator('#decision-token').inputValue()).toBe('open-sesame');
    expect(problems.unexpected([/status of 401/])).toEqual([]);
  });
});

describe('the reviews page', () => {
  it("corrects a low-confidence answer, records the lesson as an episode, and shows it decided", async () => {
    await serve();
    const { page, problems } = await opener.open('/reviews');
    await page.locator('body[data-decisions-ready="true"]').waitFor();
    await takeScreenshot(page, 'reviews-page');
    expect(await page.locator('#review-queue dt:text-is("Waiting") + dd').innerText()).toBe('2');
    expect(await page.locator('#review-queue dt:text-is("Oldest waiting") + dd').innerText()).toMatch(/^2 h since 2026-03-04 10:00 UTC$/);
    const entry = page.locator(`#review-${fixture.reviews.lowConfidence.id}`);
    expect(await entry.locator('pre.answer').innerText()).toBe(`About 90 °C ${hostileText}`);
    expect(await page.locator(`#review-${fixture.reviews.retriesExhausted.id} .last-errors li`).allInnerTexts()).toEqual(['500 Internal Server Error', `502 Bad Gateway ${hostileText}`]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await entry.locator('details.correct-answer summary').click();
    const lesson = 'Water boils at 100 °C at sea level; trust the search result.';
    await entry.locator('textarea[name="correction"]').fill('100 °C');
    await entry.locator('details.correct-answer textarea[name="note"]').fill(lesson);
    await takeScreenshot(page, 'reviews-page-correcting');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), entry.getByRole('button', { name: 'Correct' }).click()]);
    await page.locator('body[data-decisions-ready="true"]').waitFor();

    const stored = fixture.store.reviews.get(fixture.reviews.lowConfidence.id)!;
    expect(stored).toMatchObject({ status: 'corrected', correction: '100 °C', note: lesson, decidedBy: 'web' });
    expect(stored.episodeId).toBeDefined();
    expect(fixture.store.episodes.list({ namespace: 'lessons' }).map((episode) => episode.lesson)).toEqual([lesson]);
    expect(await page.locator('#review-queue dt:text-is("Waiting") + dd').innerText()).toBe('1');
    const decided = page.locator(`tr#review-${fixture.reviews.lowConfidence.id}`);
    expect(await decided.locator('.status').innerText()).toBe('corrected');
    expect(await decided.innerText()).toContain(`episode ${stored.episodeId}`);
    expect(await decided.locator('pre.correction').innerText()).toBe('100 °C');
    await takeScreenshot(page, 'reviews-page-decided');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.unexpected()).toEqual([]);
  });
});
