// The scrape tool: reads one of the web pages bundled with agentlab (the content corpus) and returns
// its readable text through html-to-text: navigation, footers, scripts and styles dropped. Like
// search_web it never touches the network; page text is untrusted data, never executed.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { htmlTitle, htmlToPlainText } from '../../guards/index.js';
import { CONTENT_CORPUS_DIRECTORY, CORPUS_PAGE_ORIGIN } from '../constants.js';
import { defineTool } from '../define-tool.js';
import { ScrapeError } from '../errors.js';
import { pageAddress, pageNameFromAddress } from './page-address.js';

export interface ScrapeToolOptions {
  /** The folder of `<page>.html` files; defaults to datasets/fixtures/content-corpus. */
  pagesDirectory?: string;
}

async function pageNames(directory: string): Promise<string[]> {
  try {
    const names = await readdir(directory);
    return names.filter((name) => name.endsWith('.html')).map((name) => name.slice(0, -'.html'.length)).sort();
  } catch {
    return [];
  }
}

async function readPage(directory: string, address: string, name: string): Promise<string> {
  try {
    return await readFile(path.join(directory, `${name}.html`), 'utf8');
  } catch (error) {
    const names = await pageNames(directory);
    const known = names.length > 0 ? ` The pages are ${CORPUS_PAGE_ORIGIN}/ followed by one of: ${names.join(', ')}.` : '';
    throw new ScrapeError('AGENTLAB_SCRAPE_PAGE_NOT_FOUND', address, `no page at ${pageAddress(name)}.${known}`, { cause: error });
  }
}

/**
 * The page as the model reads it: `<title> (<address>)`, its first paragraph on the next line (so
 * the first block carries the lead facts, as in search_web's results), then the rest.
 */
export function formatPage(name: string, html: string): string {
  const title = htmlTitle(html) || name;
  const paragraphs = htmlToPlainText(html, { mainContentOnly: true })
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  if (paragraphs[0] === title) paragraphs.shift();
  const [lead = '(the page has no text)', ...rest] = paragraphs;
  return [`${title} (${pageAddress(name)})\n${lead}`, ...rest].join('\n\n');
}

// One schema for every registry, so its JSON Schema is derived once per process.
const scrapeParameters = z.object({
  url: z.string().trim().min(1).describe(`Address of the page, e.g. "${CORPUS_PAGE_ORIGIN}/photosynthesis" (search_web results name the page: photosynthesis.html)`),
});

export function createScrapeTool(options: ScrapeToolOptions = {}) {
  const pagesDirectory = options.pagesDirectory ?? CONTENT_CORPUS_DIRECTORY;
  return defineTool({
    name: 'scrape',
    description:
      'Read a web page and return its readable text (no markup, menus or scripts). Give the page address ' +
      'a search result names.',
    permission: 'read',
    parameters: scrapeParameters,
    async execute({ url }) {
      const name = pageNameFromAddress(url);
      return formatPage(name, await readPage(pagesDirectory, url, name));
    },
  });
}
