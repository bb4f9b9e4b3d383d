// The simulator's Fastify app and the function that starts it on a port.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerChatCompletionsRoute } from './chat-completions-route.js';
import { registerModelRoutes } from './models-route.js';
import { openAIError } from './openai-error.js';
import type { LatencyMode, SimProfile } from './profile.js';
import { builtInProfiles } from './profiles.js';
import { RateLimitEnforcer, type RateLimitCounts, type SimRateLimits } from './rate-limit-enforcer.js';

export interface SimServerOptions {
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to bind; 0 picks a free ephemeral port. */
  port?: number;
  /** Profiles served, by model id. Defaults to every built-in profile. */
  profiles?: Record<string, SimProfile>;
  /** Defaults to `realistic`. */
  latency?: LatencyMode;
  /** Requests and tokens per minute per model, enforced with 429s as OpenAI does; none by default. */
  rateLimits?: SimRateLimits;
}

export interface RunningSimServer {
  /** OpenAI-style base URL, ending in /v1. */
  baseURL: string;
  host: string;
  port: number;
  profiles: string[];
  /** Chat completions let in and refused with 429 by the rate limits; undefined without limits. */
  rateLimitCounts?(): RateLimitCounts | undefined;
  close(): Promise<void>;
}

/** Long agent conversations make big bodies; real endpoints accept far more than 1 MiB. */
const bodyLimitBytes = 16 * 1024 * 1024;

/** The enforcer of `options.rateLimits`, when it sets any. */
function rateLimitEnforcer(options: SimServerOptions): RateLimitEnforcer | undefined {
  const limits = options.rateLimits;
  return limits && (limits.rpm !== undefined || limits.tpm !== undefined) ? new RateLimitEnforcer(limits) : undefined;
}

export function buildSimApp(options: SimServerOptions = {}, enforcer = rateLimitEnforcer(options)): FastifyInstance {
  const profiles = options.profiles ?? builtInProfiles;
  const app = Fastify({ logger: false, bodyLimit: bodyLimitBytes, keepAliveTimeout: 30_000 });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const type = status < 500 ? 'invalid_request_error' : 'server_error';
    void reply.code(status).send(openAIError(error.message, type, error.code ?? null));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(openAIError(`Unknown endpoint: ${request.method} ${request.url}`, 'invalid_request_error', 'unknown_url'));
  });
  registerChatCompletionsRoute(app, { profiles, latency: options.latency ?? 'realistic', ...(enforcer ? { enforcer } : {}) });
  registerModelRoutes(app, profiles);
  return app;
}

export async function startSimServer(options: SimServerOptions = {}): Promise<RunningSimServer> {
  const host = options.host ?? '127.0.0.1';
  const enforcer = rateLimitEnforcer(options);
  const app = buildSimApp(options, enforcer);
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    baseURL: `http://${urlHost}:${port}/v1`,
    host,
    port,
    profiles: Object.keys(options.profiles ?? builtInProfiles),
    rateLimitCounts: () => (enforcer ? { ...enforcer.counts } : undefined),
    close: async () => {
      // Stalled requests would otherwise hold close() open until they time out.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
