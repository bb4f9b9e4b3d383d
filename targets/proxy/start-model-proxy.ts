// Starts the recording model proxy: one node:http server on loopback for every session of an eval,
// serving each session's OpenAI-compatible routes and the OTLP receiver. Plain node:http rather than
// Fastify because the proxy sits on every model call of the agent under evaluation: its own cost is
// kept to reading, rewriting and relaying bytes.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { SpanRecord } from '../../tracing/index.js';
import { apiKeyBytes, apiKeyPrefix, cellsPathPrefix, defaultCloseGraceMs, defaultHost, defaultPort, keepAliveTimeoutMs, requestBodyLimitBytes } from './constants.js';
import { Upstream } from './forward-request.js';
import type { ModelProxy, ModelProxyOptions, ProxySession, ProxySessionOptions } from './model-proxy-types.js';
import { OtlpIntake } from './otlp-intake.js';
import { internalFailure, sendProxyError } from './proxy-error.js';
import { routeRequest } from './proxy-routes.js';
import { ModelProxySession, type SessionHost } from './proxy-session.js';

function fractionalNow(): number {
  return performance.timeOrigin + performance.now();
}

class RunningModelProxy implements ModelProxy, SessionHost {
  readonly url: string;
  readonly otlpEndpoint: string;
  readonly upstream = new Upstream();
  readonly bodyLimitBytes: number;
  readonly closeGraceMs: number;
  readonly now: () => number;
  readonly otlp: OtlpIntake;
  readonly #server: Server;
  readonly #sessions = new Map<string, ModelProxySession>();
  readonly #sessionsByTrace = new Map<string, ModelProxySession>();
  #sessionCount = 0;
  #closed = false;

  constructor(server: Server, url: string, options: ModelProxyOptions) {
    this.#server = server;
    this.url = url;
    this.otlpEndpoint = url;
    this.bodyLimitBytes = options.bodyLimitBytes ?? requestBodyLimitBytes;
    this.closeGraceMs = options.closeGraceMs ?? defaultCloseGraceMs;
    this.now = options.now ?? fractionalNow;
    this.otlp = new OtlpIntake(options.spanWriter, (spans) => this.#claim(spans));
  }

  session(cellId: string): ModelProxySession | undefined {
    return this.#sessions.get(cellId);
  }

  openSession(options: ProxySessionOptions): ProxySession {
    if (this.#closed) throw new Error('The model proxy is closed: start another to open sessions.');
    this.#sessionCount += 1;
    const cellId = this.#sessionCount.toString(36);
    const session = new ModelProxySession(
      this,
      { cellId, baseURL: `${this.url}${cellsPathPrefix}${cellId}/v1`, apiKey: `${apiKeyPrefix}${randomBytes(apiKeyBytes).toString('base64url')}` },
      options,
    );
    this.#sessions.set(cellId, session);
    if (options.traceId) this.#sessionsByTrace.set(options.traceId, session);
    return session;
  }

  sessionClosing(session: ModelProxySession): void {
    this.#sessions.delete(session.cellId);
  }

  sessionClosed(session: ModelProxySession): void {
    if (session.traceId && this.#sessionsByTrace.get(session.traceId) === session) this.#sessionsByTrace.delete(session.traceId);
  }

  otlpSettled(): Promise<void> {
    return this.otlp.settled();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await stopped;
    await this.upstream.close();
  }

  #claim(spans: SpanRecord[]): void {
    if (this.#sessionsByTrace.size === 0) return;
    let byTrace: Map<ModelProxySession, SpanRecord[]> | undefined;
    for (const span of spans) {
      const session = this.#sessionsByTrace.get(span.traceId);
      if (!session) continue;
      byTrace ??= new Map();
      const claimed = byTrace.get(session);
      if (claimed) claimed.push(span);
      else byTrace.set(session, [span]);
    }
    for (const [session, claimed] of byTrace ?? []) session.receiveSpans(claimed);
  }
}

export async function startModelProxy(options: ModelProxyOptions = {}): Promise<ModelProxy> {
  const host = options.host ?? defaultHost;
  let proxy: RunningModelProxy | undefined;
  const server = createServer((request, response) => {
    try {
      routeRequest(proxy!, request, response);
    } catch (error) {
      sendProxyError(response, internalFailure(error));
    }
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? defaultPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  proxy = new RunningModelProxy(server, `http://${host.includes(':') ? `[${host}]` : host}:${port}`, options);
  return proxy;
}
