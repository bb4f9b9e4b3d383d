// Recognises HTML and reduces it to readable text, so models read prose rather than markup.
import { createRequire } from 'node:module';
import type { compile as compileConverter } from 'html-to-text';
import { HTML_TAG_THRESHOLD } from './constants.js';

const documentMarker = /<!doctype\s+html|<(html|head|body)[\s>]/i;
const commonTag =
  /<\/?(div|p|span|a|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|br|hr|img|script|style|section|article|nav|header|footer|main|strong|em|b|i|pre|code|blockquote)\b[^>]*>/gi;

/** True when the text is an HTML document or carries enough tags to be markup rather than prose. */
export function looksLikeHtml(text: string): boolean {
  if (documentMarker.test(text)) return true;
  return (text.match(commonTag)?.length ?? 0) >= HTML_TAG_THRESHOLD;
}

const headingSelectors = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

const formatting = {
  wordwrap: false as const,
  selectors: [
    ...headingSelectors,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

type Converter = ReturnType<typeof compileConverter>;
let converters: { whole: Converter; main: Converter; title: Converter } | undefined;

// Loaded and compiled on the first page that needs it (html-to-text and its parser weigh several
// megabytes, and most runs never see HTML), then kept: compiling the selector tree is not free.
function htmlConverters(): { whole: Converter; main: Converter; title: Converter } {
  if (!converters) {
    const { compile } = createRequire(import.meta.url)('html-to-text') as { compile: typeof compileConverter };
    converters = {
      whole: compile(formatting),
      main: compile({ ...formatting, baseElements: { selectors: ['main', 'article'], returnDomByDefault: true } }),
      title: compile({ wordwrap: false, baseElements: { selectors: ['title', 'h1'] } }),
    };
  }
  return converters;
}

export interface HtmlToPlainTextOptions {
  /** Keep only `<main>` or `<article>` when the page has one, dropping navigation and footers. */
  mainContentOnly?: boolean;
}

/** Reduces HTML to plain text: scripts, styles and images dropped, headings and tables kept readable. */
export function htmlToPlainText(html: string, options: HtmlToPlainTextOptions = {}): string {
  const { main, whole } = htmlConverters();
  return (options.mainContentOnly ? main : whole)(html).trim();
}

/** The page's `<title>` (or, failing that, its first `<h1>`), or an empty string. */
export function htmlTitle(html: string): string {
  return htmlConverters().title(html).split('\n')[0]?.trim() ?? '';
}
