// Timing report pages through app.inject: each page's HTML and its JSON twin, round after round,
// the pages in turn, so the machine's noise falls on all of them alike. Every answer must be 200
// with the expected type, so an error page can never count as a fast one.
import { performance } from 'node:perf_hooks';
import type { buildApp } from '../../reports/index.js';
import { PAGE_REQUESTS, PAGE_WARMUP_REQUESTS } from './constants.js';

export type App = ReturnType<typeof buildApp>;

export interface PageUnderTest {
  label: string;
  url: string;
  /** The JSON twin: the same load without the rendering, to tell the two apart. */
  apiUrl: string;
}

export interface PageSamples {
  htmlMs: number[];
  apiMs: number[];
  htmlBytes: number;
  apiBytes: number;
}

/** One request's milliseconds and size; throws unless it answered 200 with the expected type. */
async function timedRequest(app: App, url: string, contentType: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await app.inject({ method: 'GET', url });
  const ms = performance.now() - started;
  const type = String(response.headers['content-type'] ?? '');
  if (response.statusCode !== 200 || !type.startsWith(contentType)) {
    throw new Error(`GET ${url} answered ${response.statusCode} ${type}: ${response.body.slice(0, 300)}`);
  }
  return { ms, bytes: response.rawPayload.length };
}

/** `rounds` (PAGE_REQUESTS) timed rounds after PAGE_WARMUP_REQUESTS thrown away; `log` hears every tenth round. */
export async function measurePages(app: App, pages: readonly PageUnderTest[], log: (message: string) => void, rounds: number = PAGE_REQUESTS): Promise<Map<PageUnderTest, PageSamples>> {
  const samples = new Map(pages.map((page) => [page, { htmlMs: [] as number[], apiMs: [] as number[], htmlBytes: 0, apiBytes: 0 }]));
  for (let round = -PAGE_WARMUP_REQUESTS; round < rounds; round++) {
    for (const page of pages) {
      const html = await timedRequest(app, page.url, 'text/html');
      const api = await timedRequest(app, page.apiUrl, 'application/json');
      if (round < 0) continue;
      const pageSamples = samples.get(page)!;
      pageSamples.htmlMs.push(html.ms);
      pageSamples.apiMs.push(api.ms);
      pageSamples.htmlBytes = html.bytes;
      pageSamples.apiBytes = api.bytes;
    }
    if (round >= 0 && (round + 1) % 10 === 0) log(`round ${round + 1}/${rounds}`);
  }
  return samples;
}
