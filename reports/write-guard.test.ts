// Who may write, and how much: with a token every POST (OTLP included) needs it and reads stay open;
// beyond loopback the app will not be built without one; bodies over the limit get 413; malformed
// OTLP gets 400 and the server goes on serving.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { buildApp } from './app.js';
import type { ReportAppOptions } from './app.js';
import { ReportError } from './errors.js';
import { isLoopbackHost } from './loopback-host.js';

const opened: Array<{ app: FastifyInstance; store: Store }> = [];
afterEach(async () => {
  for (const { app, store } of opened.splice(0)) {
    await app.close();
    store.close();
  }
});

async function appWith(options: Omit<ReportAppOptions, 'store'>): Promise<FastifyInstance> {
  const store = openStore(':memory:');
  const app = buildApp({ store, ...options });
  // A write endpoint of the app's own, to check the guard and the limit apart from OTLP.
  app.post('/api/echo', async (request) => ({ received: request.body }));
  await app.ready();
  opened.push({ app, store });
  return app;
}

const emptyTraces = JSON.stringify({ resourceSpans: [] });
const json = { 'content-type': 'application/json' };

describe('write token', () => {
  it('refuses writes without the token or with a wrong one (401), accepts the right one, and leaves reads open', async () => {
    const app = await appWith({ token: 'sesame' });
    for (const url of ['/v1/traces', '/api/echo']) {
      const missing = await app.inject({ method: 'POST', url, headers: json, payload: emptyTraces });
      expect(missing.statusCode, url).toBe(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      const wrong = await app.inject({ method: 'POST', url, headers: { ...json, authorization: 'Bearer open-up' }, payload: emptyTraces });
      expect(wrong.statusCode, url).toBe(401);
      const basic = await app.inject({ method: 'POST', url, headers: { ...json, authorization: 'Basic c2VzYW1l' }, payload: emptyTraces });
      expect(basic.statusCode, url).toBe(401);
      const right = await app.inject({ method: 'POST', url, headers: { ...json, authorization: 'Bearer sesame' }, payload: emptyTraces });
      expect(right.statusCode, url).toBe(200);
    }
    expect((await app.inject({ url: '/api/runs' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
  });

  it('lets writes through on loopback when no token is set', async () => {
    const app = await appWith({ host: '127.0.0.1' });
    expect((await app.inject({ method: 'POST', url: '/v1/traces', headers: json, payload: emptyTraces })).statusCode).toBe(200);
  });

  it('needs the token on a non-loopback host, and refuses to build without one', async () => {
    const store = openStore(':memory:');
    expect(() => buildApp({ store, host: '0.0.0.0' })).toThrow(expect.objectContaining({ code: 'AGENTLAB_SERVE_TOKEN_REQUIRED' }));
    expect(() => buildApp({ store, host: '192.168.1.20', token: '' })).toThrow(ReportError);
    store.close();
    const app = await appWith({ host: '0.0.0.0', token: 'sesame' });
    expect((await app.inject({ method: 'POST', url: '/api/echo', headers: json, payload: '{}' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/echo', headers: { ...json, authorization: 'Bearer sesame' }, payload: '{}' })).statusCode).toBe(200);
  });
});

describe('body limit', () => {
  it('answers a body over the limit with 413, for OTLP and the app\'s own routes', async () => {
    const app = await appWith({ bodyLimitBytes: 1_024 });
    const large = JSON.stringify({ padding: 'x'.repeat(2_048) });
    for (const url of ['/v1/traces', '/api/echo']) {
      const response = await app.inject({ method: 'POST', url, headers: json, payload: large });
      expect(response.statusCode, url).toBe(413);
    }
    expect((await app.inject({ method: 'POST', url: '/api/echo', headers: json, payload: '{"small":true}' })).json()).toEqual({ received: { small: true } });
  });
});

describe('malformed OTLP', () => {
  it('gets a 400 and the server keeps serving', async () => {
    const app = await appWith({});
    for (const payload of ['{not json', JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 12 }] }] }] })]) {
      const response = await app.inject({ method: 'POST', url: '/v1/traces', headers: json, payload });
      expect(response.statusCode).toBe(400);
    }
    expect((await app.inject({ url: '/api/runs' })).statusCode).toBe(200);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1', '::ffff:10.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
