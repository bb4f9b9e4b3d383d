// Collects what a page reports going wrong while a test drives it: uncaught exceptions, console
// errors (a Content-Security-Policy violation is one) and failed requests, so a test can assert that
// a page worked without a single complaint, or allow the few it expects.
import type { Page } from 'playwright-core';

export class PageProblems {
  readonly messages: string[] = [];

  constructor(page: Page) {
    page.on('pageerror', (error) => this.messages.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.messages.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('requestfailed', (request) => {
      // An event stream the page or the server closes shows up as an aborted request.
      if (request.resourceType() === 'eventsource' && request.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.messages.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`);
    });
  }

  /** The problems other than those matching `expected`. */
  unexpected(expected: readonly RegExp[] = []): string[] {
    return this.messages.filter((message) => !expected.some((pattern) => pattern.test(message)));
  }
}
