// Starts Debian's chromium through playwright-core for the report server's browser tests. The
// browser comes from the system package, never from a Playwright download; when it is missing the
// tests fail with the command that installs it rather than skip (a skipped test hides missing setup).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArguments = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`The browser tests need Debian's chromium at ${chromiumPath}, which is missing: run \`apt-get install -y chromium\` (.ci/run does this in CI). Do not run \`npx playwright install\`.`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArguments });
}

/**
 * Launches once for a test file and hands the browser to each test; a failed launch fails every
 * test that asks for it, with the launch's message.
 */
export class SharedBrowser {
  private browser: Browser | undefined;
  private launchError: unknown;

  async launch(): Promise<void> {
    try {
      this.browser = await launchChromium();
    } catch (error) {
      this.launchError = error;
    }
  }

  get(): Browser {
    if (this.browser) return this.browser;
    throw this.launchError instanceof Error ? this.launchError : new Error('chromium was not launched', { cause: this.launchError });
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}
