// Headers on every answer: a Content-Security-Policy that allows only this origin's scripts and
// styles (no inline script, so page data in a JSON script element is never executed), nosniff, and
// no framing or referrers.
import type { FastifyInstance } from 'fastify';
import { contentSecurityPolicy } from './constants.js';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
}
