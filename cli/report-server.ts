// Starts the report server on a port for `agentlab serve` and `agentlab eval --serve`.
import type { FastifyInstance } from 'fastify';
import type { LiveRunHub } from '../reports/index.js';
import type { Store, StoreBackend } from '../store/index.js';
import type { PriceLookup } from '../tracing/index.js';
import { PortInUseError } from './errors.js';
import type { ReviewMemory } from './review-memory.js';

export interface ReportServerOptions {
  /** Any backend; a synchronous SQLite Store is read through the SQLite adapter (buildApp wraps it). */
  store: Store | StoreBackend;
  host: string;
  port: number;
  token?: string;
  liveRuns?: LiveRunHub;
  /** Prices for model calls whose spans carry no cost (the config's table); the built-in table by default. */
  priceFor?: PriceLookup;
  /** Where review decisions on the page record their lessons, opened on first use; closed with the server. */
  reviewMemory?: ReviewMemory;
}

export interface RunningReportServer {
  /** `http://127.0.0.1:7070`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function startReportServer(options: ReportServerOptions): Promise<RunningReportServer> {
  // Loaded on demand: the server pulls in Fastify, the templates and the OTLP protos, which an eval
  // without --serve never needs.
  const { buildApp } = await import('../reports/index.js');
  const app: FastifyInstance = buildApp({
    store: options.store,
    host: options.host,
    ...(options.token ? { token: options.token } : {}),
    ...(options.liveRuns ? { liveRuns: options.liveRuns } : {}),
    ...(options.priceFor ? { priceFor: options.priceFor } : {}),
    ...(options.reviewMemory ? { episodicMemory: options.reviewMemory.episodicMemory, memoryNamespace: options.reviewMemory.namespace } : {}),
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    await options.reviewMemory?.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(options.host, options.port, error);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      // Open event streams would otherwise hold close() until their clients go away.
      app.server.closeAllConnections();
      await app.close();
      // The simulator or client the review decisions opened for their lessons, if any did.
      await options.reviewMemory?.close();
    },
  };
}
