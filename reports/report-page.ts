// A page of the report server as data: where it lives, its JSON twin, how it loads what it shows
// from the store, and which template draws it. One definition serves both, so the JSON twin returns
// exactly what the page renders.
import type { StoreBackend } from '../store/index.js';
import type { PriceLookup } from '../tracing/index.js';
import type { LiveRunHub } from './live-run-hub.js';
import type { NavSection } from './view-renderer.js';

export interface PageContext {
  store: StoreBackend;
  liveRuns: LiveRunHub;
  now: () => number;
  /** Prices by model name for model calls that carry no cost of their own. */
  priceFor: PriceLookup;
  /** Whether writes need the bearer token, so a page that writes asks for it. */
  tokenRequired: boolean;
}

export interface PageRequest {
  params: Record<string, string>;
  query: unknown;
}

export interface ReportPage<Data> {
  /** The HTML route, such as `/runs/:id`. */
  path: string;
  /** Its JSON twin, such as `/api/runs/:id`. */
  apiPath: string;
  /** The template under reports/views. */
  view: string;
  nav?: NavSection;
  title(data: Data): string;
  /** Throws ReportError 400 for bad parameters and 404 for what the store does not hold. */
  load(request: PageRequest, context: PageContext): Promise<Data>;
  /** What the page's scripts read (charts, live progress); nothing when it has none. */
  clientData?(data: Data): unknown;
}

/** Lets pages of different data types sit in one list. */
export function definePage<Data>(page: ReportPage<Data>): ReportPage<unknown> {
  return page as ReportPage<unknown>;
}
