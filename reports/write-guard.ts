// Who may write: with a token set, or bound beyond loopback, every request that is not a read needs
// `Authorization: Bearer <token>`. Reads stay open. Bound beyond loopback without a token, the
// server refuses to be built rather than accept writes from the network.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defaultReportHost } from './constants.js';
import { serveTokenRequired, unauthorized } from './errors.js';
import { isLoopbackHost } from './loopback-host.js';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface WriteGuard {
  /** Whether writes need the token. */
  readonly tokenRequired: boolean;
  /** True for a request that carries the token, or for any request when none is needed. */
  isAuthorized(request: FastifyRequest): boolean;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Throws AGENTLAB_SERVE_TOKEN_REQUIRED for a non-loopback host without a token. */
export function createWriteGuard(options: { token?: string; host?: string }): WriteGuard {
  const host = options.host ?? defaultReportHost;
  const token = options.token === '' ? undefined : options.token;
  if (token === undefined) {
    if (!isLoopbackHost(host)) throw serveTokenRequired(host);
    return { tokenRequired: false, isAuthorized: () => true };
  }
  // Comparing digests takes the same time whatever the guess, and whatever its length.
  const expected = digest(token);
  return {
    tokenRequired: true,
    isAuthorized: (request) => {
      const given = bearerToken(request);
      return given !== undefined && timingSafeEqual(digest(given), expected);
    },
  };
}

/** Refuses, with 401 before the body is read, every write the guard does not authorize. */
export function registerWriteGuard(app: FastifyInstance, guard: WriteGuard): void {
  if (!guard.tokenRequired) return;
  app.addHook('onRequest', async (request, reply) => {
    if (readMethods.has(request.method) || guard.isAuthorized(request)) return;
    // Set here so that every error handler's answer carries it, the OTLP receiver's included.
    reply.header('WWW-Authenticate', 'Bearer');
    throw unauthorized();
  });
}
