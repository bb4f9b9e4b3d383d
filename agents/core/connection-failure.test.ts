// A model endpoint that cannot be reached: the run's error names the failure and the URL tried,
// through the real openai client against a port nothing listens on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvider, ProxyFailedError } from '../../models/index.js';
import { agentPatterns } from '../patterns/index.js';
import { createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, type Sandbox } from '../tools/index.js';
import { describeConnectionFailure } from './connection-failure.js';
import { runAgent } from './run-agent.js';

/** A loopback port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let port: number;
let sandbox: Sandbox;
beforeAll(async () => {
  port = await closedPort();
  sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
});
afterAll(() => sandbox.remove());

describe('a model endpoint that cannot be reached', () => {
  it('ends the run with an error that says the connection was refused and names the URL', async () => {
    const provider = new ModelProvider({ env: { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` } });
    try {
      const model = await provider.open('openai:gpt-4o-mini');
      const result = await runAgent('react', agentPatterns.react, 'Who created Python?', {
        model,
        tools: createDefaultRegistry({ sandbox }),
        limits: { modelTries: 2 },
        sleep: async () => undefined,
      });
      expect(result.status).toBe('error');
      expect(result.error).toEqual({
        code: 'model_call_failed',
        message: `gpt-4o-mini failed 2 times; last error: connection refused: http://127.0.0.1:${port}/v1/chat/completions`,
      });
    } finally {
      await provider.close();
    }
  });

  it('words other socket failures and keeps an unknown code as it is', () => {
    const url = 'http://example.invalid/v1/chat/completions';
    const withCode = (code: string) => Object.assign(new Error(`getaddrinfo ${code} example.invalid`), { code });
    expect(describeConnectionFailure(withCode('ENOTFOUND'), url)).toBe(`host not found: ${url}`);
    expect(describeConnectionFailure(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }), url)).toBe(`connection reset: ${url}`);
    // undici's code for an endpoint that hung up mid-call (the transport is undici's).
    expect(describeConnectionFailure(new TypeError('Connection error.', { cause: withCode('UND_ERR_SOCKET') }), url)).toBe(`connection closed by the endpoint before it answered: ${url}`);
    expect(describeConnectionFailure(withCode('EWHATEVER'), url)).toBe(`EWHATEVER: ${url}`);
    expect(describeConnectionFailure(new Error('socket hang up'), url)).toBe(`socket hang up: ${url}`);
  });

  it('names the proxy a call went through, and the proxy\'s own refusal in its words', () => {
    const url = 'https://api.openai.com/v1/chat/completions';
    const refused = new ProxyFailedError(url, 'http://proxy.corp:3128/', 'HTTPS_PROXY', Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:3128'), { code: 'ECONNREFUSED' }));
    expect(describeConnectionFailure(new TypeError('Connection error.', { cause: refused }), url)).toBe(`connection refused: ${url} through the proxy http://proxy.corp:3128/ (from HTTPS_PROXY)`);
    const denied = new ProxyFailedError(url, 'http://proxy.corp:3128/', 'HTTPS_PROXY', Object.assign(new Error('Proxy response (403) !== 200 when HTTP Tunneling'), { code: 'UND_ERR_ABORTED' }));
    expect(describeConnectionFailure(denied, url)).toBe(`Proxy response (403) !== 200 when HTTP Tunneling: ${url} through the proxy http://proxy.corp:3128/ (from HTTPS_PROXY)`);
  });
});
