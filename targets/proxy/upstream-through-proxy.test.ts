// The model proxy's hop to the endpoint honours HTTP_PROXY / HTTPS_PROXY and NO_PROXY as the openai
// clients do (models/transport): forwarded through a real counting forward proxy, directly for a
// NO_PROXY host, and a proxy that is not there is named in the error.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Upstream } from './forward-request.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An endpoint answering every request with its method and path. */
function endpoint(): Promise<string> {
  return listen(http.createServer((request, response) => response.end(`${request.method} ${request.url}`)));
}

/** A forward proxy for absolute-URI requests that lists what it forwarded. */
async function forwardProxy(): Promise<{ url: string; forwarded: string[] }> {
  const forwarded: string[] = [];
  const url = await listen(
    http.createServer((request, response) => {
      forwarded.push(`${request.method} ${request.url}`);
      const upstream = http.request(request.url!, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      });
      request.pipe(upstream);
    }),
  );
  return { url, forwarded };
}

function endpointAt(origin: string): UpstreamEndpoint {
  return { baseURL: `${origin}/v1`, origin, basePath: '/v1', headerList: ['authorization', 'Bearer sk-test'] };
}

async function post(upstream: Upstream, origin: string): Promise<string> {
  closers.push(() => upstream.close());
  const response = await upstream.send(endpointAt(origin), { method: 'POST', path: '/chat/completions', headers: ['content-type', 'application/json'], body: '{}' }).response;
  return (await response.body.whole()).toString();
}

describe('the model proxy and HTTP_PROXY', () => {
  it('forwards to the endpoint through the proxy', async () => {
    const origin = await endpoint();
    const proxy = await forwardProxy();
    expect(await post(new Upstream({ HTTP_PROXY: proxy.url }), origin)).toBe('POST /v1/chat/completions');
    expect(proxy.forwarded).toEqual([`POST ${origin}/v1/chat/completions`]);
  });

  it('goes directly to a NO_PROXY host', async () => {
    const origin = await endpoint();
    const proxy = await forwardProxy();
    expect(await post(new Upstream({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }), origin)).toBe('POST /v1/chat/completions');
    expect(proxy.forwarded).toEqual([]);
  });

  it('names a proxy that is not there, without its credentials', async () => {
    const origin = await endpoint();
    const gone = await forwardProxy();
    await closers.pop()!();
    const failure = post(new Upstream({ HTTP_PROXY: gone.url.replace('http://', 'http://me:s3cret@') }), origin);
    await expect(failure).rejects.toMatchObject({ code: 'AGENTLAB_PROXY_ENDPOINT_UNREACHABLE', message: expect.stringContaining(`through the proxy ${gone.url}/ (from HTTP_PROXY)`) });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret') });
  });
});
