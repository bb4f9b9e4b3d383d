// Model calls through a real forward proxy (test-support.ts) that counts what it forwards: the
// simulator reached as an OpenAI endpoint through HTTP_PROXY, directly with NO_PROXY, an https
// endpoint through a CONNECT tunnel, and the errors of a proxy that refuses or is not there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ModelProvider } from '../client-factory.js';
import { startSimServer } from '../sim/index.js';
import { ProxyFailedError } from './errors.js';
import { createModelTransport } from './model-transport.js';
import { startForwardProxy, type ForwardProxy } from './test-support.js';

const simulator = startSimServer({ latency: 'zero' });
const proxies: ForwardProxy[] = [];
const providers: ModelProvider[] = [];

afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});
afterAll(async () => (await simulator).close());

async function proxy(options: { refuse?: boolean } = {}): Promise<ForwardProxy> {
  const started = await startForwardProxy(options);
  proxies.push(started);
  return started;
}

/** A provider opening `openai:oracle` on the simulator, with these variables besides. */
async function simulatorAsOpenAI(env: Record<string, string>): Promise<{ provider: ModelProvider; client: OpenAI; baseURL: string }> {
  const { baseURL } = await simulator;
  const provider = new ModelProvider({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseURL, ...env }, timeoutMs: 10_000 });
  providers.push(provider);
  return { provider, client: (await provider.open('openai:oracle')).client, baseURL };
}

async function reply(client: OpenAI, text: string): Promise<string | null | undefined> {
  const completion = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: `Reply with "${text}"` }] });
  return completion.choices[0]?.message.content;
}

describe('model calls and HTTP_PROXY', () => {
  it('sends every call to an http endpoint through HTTP_PROXY, streamed ones too', async () => {
    const forward = await proxy();
    const { client, baseURL } = await simulatorAsOpenAI({ HTTP_PROXY: forward.url });
    expect(await reply(client, 'via the proxy')).toBe('via the proxy');
    const stream = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'Reply with "streamed via the proxy"' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('streamed via the proxy');
    expect(forward.forwarded).toEqual([`POST ${baseURL}/chat/completions`, `POST ${baseURL}/chat/completions`]);
  });

  it('goes direct to the hosts NO_PROXY lists', async () => {
    const forward = await proxy();
    const { client } = await simulatorAsOpenAI({ HTTP_PROXY: forward.url, NO_PROXY: 'example.com,127.0.0.1' });
    expect(await reply(client, 'directly')).toBe('directly');
    expect(forward.forwarded).toEqual([]);
  });

  it('reaches a loopback endpoint directly when the proxy is on another machine', async () => {
    // proxy.invalid cannot even be resolved: the call succeeds only if it never goes there.
    const { client, provider, baseURL } = await simulatorAsOpenAI({ HTTP_PROXY: 'http://proxy.invalid:3128' });
    expect(provider.transport.proxyFor(baseURL)).toBeUndefined();
    expect(await reply(client, 'loopback stays direct')).toBe('loopback stays direct');
  });

  it('never sends the embedded simulator of sim: models through a proxy', async () => {
    const forward = await proxy();
    const provider = new ModelProvider({ env: { HTTP_PROXY: forward.url }, latency: 'zero' });
    providers.push(provider);
    expect(await reply((await provider.open('sim:oracle')).client, 'embedded')).toBe('embedded');
    expect(forward.forwarded).toEqual([]);
  });

  it('sends the credentials of the proxy URL to the proxy as Basic authorization', async () => {
    const forward = await proxy();
    const { client } = await simulatorAsOpenAI({ HTTP_PROXY: forward.url.replace('http://', 'http://me:s3cret@') });
    expect(await reply(client, 'authorized')).toBe('authorized');
    expect(forward.authorizations).toEqual([`Basic ${Buffer.from('me:s3cret').toString('base64')}`]);
  });

  it('fails a call through a proxy that is not there with an error naming the proxy, not its credentials', async () => {
    const gone = await proxy();
    await gone.close();
    const { client } = await simulatorAsOpenAI({ HTTP_PROXY: gone.url.replace('http://', 'http://me:s3cret@') });
    const error = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(ProxyFailedError);
    expect((cause as ProxyFailedError).message).toContain(`through the proxy ${gone.url}/ (from HTTP_PROXY)`);
    expect((cause as ProxyFailedError).message).toContain('ECONNREFUSED');
    expect((cause as ProxyFailedError).message).not.toContain('s3cret');
  });
});

describe('https endpoints and HTTPS_PROXY', () => {
  it('tunnels an https endpoint through the proxy with CONNECT, and fails with the proxy named when it refuses', async () => {
    const refusing = await proxy({ refuse: true });
    const transport = createModelTransport({ env: { HTTPS_PROXY: refusing.url } });
    try {
      const error = await transport.fetch('https://api.example.test/v1/models').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProxyFailedError);
      expect((error as Error).message).toMatch(new RegExp(`^could not reach https://api.example.test/v1/models through the proxy ${refusing.url}/ \\(from HTTPS_PROXY\\): .*403`));
      expect(refusing.forwarded).toEqual(['CONNECT api.example.test:443']);
    } finally {
      await transport.close();
    }
  });

  it('verifies the endpoint\'s certificate inside the tunnel', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'agentlab-tls-'));
    const forward = await proxy();
    const transport = createModelTransport({ env: { HTTPS_PROXY: forward.url } });
    const server = https.createServer({ key: '', cert: '' });
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(directory, 'key.pem'), '-out', path.join(directory, 'cert.pem')], { stdio: 'ignore' });
      server.setSecureContext({ key: readFileSync(path.join(directory, 'key.pem')), cert: readFileSync(path.join(directory, 'cert.pem')) });
      server.on('request', (_request, response) => response.end('secret'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const error = await transport.fetch(`https://127.0.0.1:${port}/v1/models`).catch((caught: unknown) => caught);
      expect(forward.forwarded).toEqual([`CONNECT 127.0.0.1:${port}`]);
      expect(error).toBeInstanceOf(ProxyFailedError);
      expect((error as Error).message).toMatch(/self[- ]signed certificate/);
    } finally {
      server.close();
      await transport.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
