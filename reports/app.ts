// The report server as a Fastify app: HTML pages with a JSON twin each, live run progress over
// server-sent events, the decisions of human in the loop (approvals, reviews), the OTLP trace
// receiver, static assets, and the safety rules (write token, body limit, security headers).
// buildApp returns it unstarted; only the CLI listens.
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { EpisodicMemory } from '../agents/index.js';
import { SqliteStoreBackend, Store } from '../store/index.js';
import type { StoreBackend } from '../store/index.js';
import { builtInPriceLookup, type PriceLookup } from '../tracing/index.js';
import { registerAssetRoutes } from './asset-routes.js';
import { defaultBodyLimitBytes } from './constants.js';
import { registerDecisionRoutes } from './decision-routes.js';
import { registerErrorPages } from './error-pages.js';
import { LiveRunHub } from './live-run-hub.js';
import { registerOtlpRoutes } from './otlp/index.js';
import { registerPage } from './page-routes.js';
import { approvalsPage } from './pages/approvals-page.js';
import { caseHistoryPage } from './pages/case-history-page.js';
import { comparePage } from './pages/compare-page.js';
import { contentPage } from './pages/content-page.js';
import { costsPage } from './pages/costs-page.js';
import { runMessagesPage } from './pages/run-messages-page.js';
import { runPage } from './pages/run-page.js';
import { reviewsPage } from './pages/reviews-page.js';
import { runsPage } from './pages/runs-page.js';
import { tracePage } from './pages/trace-page.js';
import { tracesPage } from './pages/traces-page.js';
import { trendsPage } from './pages/trends-page.js';
import type { PageContext } from './report-page.js';
import { registerRunEventsRoute } from './run-events-route.js';
import { registerSecurityHeaders } from './security-headers.js';
import { ViewRenderer } from './view-renderer.js';
import { createWriteGuard, registerWriteGuard } from './write-guard.js';

export interface ReportAppOptions {
  /**
   * The store pages read and OTLP writes to: any backend (`openStoreBackend`). A synchronous SQLite
   * `Store` is read through the SQLite adapter, for callers not yet moved to the interface.
   */
  store: StoreBackend | Store;
  /** With a token, every write (POST, including OTLP) needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The address the CLI will bind (127.0.0.1 by default). Beyond loopback, a token is required. */
  host?: string;
  /** Largest request body accepted; 1 MiB by default (the OTLP receiver keeps its own default unless this is set). */
  bodyLimitBytes?: number;
  /** Where the CLI publishes a running eval's progress; a private hub when not given. */
  liveRuns?: LiveRunHub;
  /** Fastify's logger option; off by default. */
  logger?: FastifyServerOptions['logger'];
  /** The clock that trends and costs count days back from. */
  now?: () => number;
  /** How often idle event streams send a heartbeat; 15 s by default. */
  heartbeatIntervalMs?: number;
  /** Prices by model name for spans that carry no cost (the config's table); the built-in table by default. */
  priceFor?: PriceLookup;
  /**
   * Opens the episodic memory a review's correction or rejection records its lesson in; called on the
   * first such decision (the CLI opens it from the config, embedding with sim:strong by default).
   * Without it, review decisions are stored and record no lesson.
   */
  episodicMemory?: () => Promise<EpisodicMemory>;
  /** The namespace lessons go to (the config's memory.namespace); `default` when absent. */
  memoryNamespace?: string;
}

const pages = [runsPage, runPage, runMessagesPage, trendsPage, comparePage, caseHistoryPage, tracesPage, tracePage, costsPage, contentPage, approvalsPage, reviewsPage];

/** Throws AGENTLAB_SERVE_TOKEN_REQUIRED when `host` is not loopback and no token is set. */
export function buildApp(options: ReportAppOptions): FastifyInstance {
  const guard = createWriteGuard({ ...(options.token !== undefined ? { token: options.token } : {}), ...(options.host !== undefined ? { host: options.host } : {}) });
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? defaultBodyLimitBytes });
  const renderer = new ViewRenderer();
  const liveRuns = options.liveRuns ?? new LiveRunHub();
  const priceFor = options.priceFor ?? builtInPriceLookup;
  const now = options.now ?? Date.now;
  const store = options.store instanceof Store ? new SqliteStoreBackend(options.store) : options.store;
  const context: PageContext = { store, liveRuns, now, priceFor, tokenRequired: guard.tokenRequired };

  registerSecurityHeaders(app);
  registerWriteGuard(app, guard);
  registerErrorPages(app, renderer);
  registerAssetRoutes(app);
  for (const page of pages) registerPage(app, page, context, renderer);
  registerDecisionRoutes(app, {
    store,
    now,
    ...(options.episodicMemory ? { episodicMemory: options.episodicMemory } : {}),
    ...(options.memoryNamespace !== undefined ? { memoryNamespace: options.memoryNamespace } : {}),
  });
  registerRunEventsRoute(app, { store, liveRuns, ...(options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}) });
  registerOtlpRoutes(app, {
    store,
    priceFor,
    ...(options.bodyLimitBytes !== undefined ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    authorize: (request) => guard.isAuthorized(request),
  });
  return app;
}
