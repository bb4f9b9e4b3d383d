// How the browser tests open a report page: a fresh context (no shared cookies or cache) at the
// screenshot viewport, its console watched, the page loaded and required to answer 200; and how far
// a page scrolls sideways. Every browser test file opens pages this way and closes them after each test.
import { expect } from 'vitest';
import type { BrowserContext, Page, Response } from 'playwright-core';
import type { SharedBrowser } from './launch-chromium.js';
import { PageProblems } from './page-problems.js';
import { screenshotViewport } from './screenshots.js';

export interface OpenedPage {
  page: Page;
  problems: PageProblems;
  response: Response;
}

export class PageOpener {
  /** The report server's address, once it listens. */
  baseUrl = '';
  private readonly browser: SharedBrowser;
  private readonly contexts: BrowserContext[] = [];

  constructor(browser: SharedBrowser) {
    this.browser = browser;
  }

  /** The page at `path`, failing the test on anything but 200. */
  async open(path: string): Promise<OpenedPage> {
    const context = await this.browser.get().newContext({ viewport: screenshotViewport });
    this.contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = new PageProblems(page);
    const response = await page.goto(this.baseUrl + path, { waitUntil: 'load' });
    expect(response?.status(), `GET ${path}`).toBe(200);
    return { page, problems, response: response! };
  }

  /** Closes the pages opened since the last call: for afterEach. */
  async closeAll(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((context) => context.close()));
  }
}

/** How many pixels the page scrolls sideways at its viewport (0 when it fits). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}
