// Renders the pages: eta templates from reports/views with auto-escaping on, so every value a
// template prints is HTML-escaped, except a ScriptJson (page data already made safe for a script
// element). Templates never use eta's raw tag for data; only for include() and the layout's body.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { reportLinks } from './report-links.js';
import { ScriptJson } from './script-json.js';
import { viewFormat } from './view-format.js';

/** The sections of the navigation bar; a page names the one it belongs to. */
export type NavSection = 'runs' | 'trends' | 'compare' | 'costs' | 'content' | 'traces' | 'approvals' | 'reviews';

/** What waits for a person, shown beside the Approvals and Reviews links. */
export interface NavCounts {
  approvals: number;
  reviews: number;
}

export interface PageView {
  title: string;
  nav?: NavSection;
  navCounts?: NavCounts;
  /** What the page shows; the template reads it as `it.data`. */
  data: unknown;
  /** What assets/charts.js and assets/live-run.js read, in the page-data script element. */
  clientData?: unknown;
}

const viewsDirectory = fileURLToPath(new URL('./views/', import.meta.url));
// Eta's own XML escaping, taken from its defaults rather than written again.
const htmlEscape = new Eta().config.escapeFunction;

function escapeForHtml(value: unknown): string {
  return value instanceof ScriptJson ? value.text : htmlEscape(value);
}

export class ViewRenderer {
  private readonly eta = new Eta({ views: viewsDirectory, autoEscape: true, escapeFunction: escapeForHtml, cache: true });

  /** `view` is a template under reports/views, without `.eta`. */
  render(view: string, page: PageView): string {
    return this.eta.render(view, {
      title: page.title,
      nav: page.nav,
      navCounts: page.navCounts,
      data: page.data,
      pageData: page.clientData === undefined ? undefined : ScriptJson.of(page.clientData),
      format: viewFormat,
      link: reportLinks,
    });
  }
}
