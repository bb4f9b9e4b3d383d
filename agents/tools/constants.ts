// Defaults for tool execution, the sandbox and the built-in tools, kept in one place.
import { fileURLToPath } from 'node:url';
import type { Permission } from './permission.js';

/** Permission levels a run allows when it declares none: destructive calls need an approval. */
export const DEFAULT_ALLOWED_PERMISSIONS: readonly Permission[] = ['read', 'write'];

/** How long one tool call may run before its result becomes a timeout. */
export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

/** Largest file, in bytes, that `read_file` will return. */
export const DEFAULT_MAX_READ_BYTES = 256 * 1024;

/** Largest content, in bytes, that one write (or one outbox entry) may carry. */
export const DEFAULT_MAX_WRITE_BYTES = 256 * 1024;

/** Prefix of each per-run sandbox directory created under the system temp directory. */
export const SANDBOX_DIRECTORY_PREFIX = 'agentlab-sandbox-';

/** Where `send_email` appends its messages, relative to the sandbox root. */
export const OUTBOX_FILE = 'outbox.jsonl';

/** Most entries `list_files` reports before saying how many it left out. */
export const LIST_FILES_MAX_ENTRIES = 200;

/** Results `search_web` returns when the call does not say, and the most it will return. */
export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 10;

/** Longest snippet, in characters, shown for one search result. */
export const SEARCH_SNIPPET_LENGTH = 500;

/** Shortest paragraph that counts as a document's lead; shorter ones are headings or menus. */
export const SNIPPET_LEAD_MIN_LENGTH = 40;

/** File name endings the corpus index reads. */
export const CORPUS_EXTENSIONS: readonly string[] = ['.md', '.txt', '.html', '.htm'];

/** Longest expression the calculator accepts. */
export const CALCULATOR_MAX_EXPRESSION_LENGTH = 500;

/** Significant digits in calculator results. */
export const CALCULATOR_PRECISION = 14;

/** Longest thrown-error message quoted back to the model. */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;

/** The corpus that `search_web` reads when none is given. */
export const DEFAULT_CORPUS_DIRECTORY = fileURLToPath(
  new URL('../../datasets/fixtures/corpus/', import.meta.url),
);

/** The files each run's sandbox starts from when no fixtures are given. */
export const DEFAULT_SANDBOX_FIXTURES_DIRECTORY = fileURLToPath(
  new URL('../../datasets/fixtures/sandbox/', import.meta.url),
);

/** The bundled web pages `scrape` reads and the content pipeline searches: one HTML page per curriculum topic. */
export const CONTENT_CORPUS_DIRECTORY = fileURLToPath(
  new URL('../../datasets/fixtures/content-corpus/', import.meta.url),
);

/** The made-up site the bundled pages live at: `https://corpus.agentlab.test/<page>` is `<page>.html`. Never fetched. */
export const CORPUS_PAGE_ORIGIN = 'https://corpus.agentlab.test';
