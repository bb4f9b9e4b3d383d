// Every page the browser tests open is also looked at: a screenshot at 1366×900 (a common laptop
// screen) goes to one folder per test process, printed once so a person can open the pictures.
// AGENTLAB_SCREENSHOTS chooses the folder; by default it is under the system's temp directory.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotViewport = { width: 1366, height: 900 } as const;

let folder: string | undefined;

/** The folder screenshots go to, made and printed on first use. */
export function screenshotFolder(): string {
  if (folder === undefined) {
    folder = path.resolve(process.env.AGENTLAB_SCREENSHOTS ?? path.join(tmpdir(), 'agentlab-screenshots'));
    mkdirSync(folder, { recursive: true });
    console.log(`Screenshots of the report pages: ${folder}`);
  }
  return folder;
}

/** Saves what the page shows at 1366×900 (the viewport, and the full page beside it) as `<name>.png` and `<name>.full.png`; returns the first path. */
export async function takeScreenshot(page: Page, name: string): Promise<string> {
  const safeName = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  await page.setViewportSize(screenshotViewport);
  const file = path.join(screenshotFolder(), `${safeName}.png`);
  await page.screenshot({ path: file });
  await page.screenshot({ path: path.join(screenshotFolder(), `${safeName}.full.png`), fullPage: true });
  return file;
}
