// The openai clients' transport against real loopback servers: bodies, encodings, errors, streams,
// redirects, aborts, connection reuse and TLS verification.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createModelTransport } from './model-transport.js';
import { startSimServer } from '../sim/index.js';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

const servers: Array<http.Server | https.Server> = [];

async function listen(server: http.Server | https.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${port}`;
}

function serve(handler: Handler): Promise<string> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handler(request, body, response));
  });
  return listen(server);
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

const transport = createModelTransport({ env: {} });
const fetch = transport.fetch;
afterAll(() => transport.close());

describe('createModelTransport().fetch', () => {
  it('sends the method, headers and body, and returns status, headers and body', async () => {
    const base = await serve((request, body, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-seen': `${request.method} ${request.url} ${request.headers['x-key']}` });
      response.end(JSON.stringify({ echoed: JSON.parse(body) }));
    });
    const response = await fetch(`${base}/v1/things?q=1`, { method: 'POST', headers: { 'x-key': 'abc', 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/v1/things?q=1`);
    expect(response.headers.get('x-seen')).toBe('POST /v1/things?q=1 abc');
    expect(await response.json()).toEqual({ echoed: { a: 1 } });
  });

  it('answers with a Response whose body reads once, as text, JSON, bytes or a stream, and clones', async () => {
    const base = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"n":1}');
    });
    const response = await fetch(base);
    expect(response).toBeInstanceOf(Response);
    const copy = response.clone();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ n: 1 });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
    expect(await copy.text()).toBe('{"n":1}');
    expect(new TextDecoder().decode(await (await fetch(base)).arrayBuffer())).toBe('{"n":1}');
    expect(await new Response((await fetch(base)).body).text()).toBe('{"n":1}');
  });

  it.each([
    ['gzip', (text: string) => zlib.gzipSync(text)],
    ['deflate', (text: string) => zlib.deflateSync(text)],
    ['br', (text: string) => zlib.brotliCompressSync(text)],
  ])('asks for compressed bodies and decodes %s', async (encoding, compress) => {
    let accepted: string | undefined;
    const base = await serve((request, _body, response) => {
      accepted = request.headers['accept-encoding'];
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': encoding });
      response.end(compress('hello, compressed world'));
    });
    const response = await fetch(base);
    expect(accepted).toBe('gzip, deflate, br');
    expect(await response.text()).toBe('hello, compressed world');
  });

  it('sends a Request as the fetch it stands for', async () => {
    const base = await serve((request, body, response) => response.end(`${request.method} ${request.url} ${request.headers['x-key']} ${body}`));
    expect(await (await fetch(new Request(`${base}/requested`, { method: 'POST', headers: { 'x-key': 'k' }, body: 'payload' }))).text()).toBe('POST /requested k payload');
    expect(await (await fetch(new Request(`${base}/plain`))).text()).toBe('GET /plain undefined ');
  });

  it('sends a form (a file upload) and a streamed body, which go through undici\'s fetch', async () => {
    const received: string[] = [];
    const base = await serve((request, body, response) => {
      received.push(`${request.headers['content-type']?.split(';')[0]} ${body.includes('name="file"; filename="data.jsonl"') ? 'with the file' : body}`);
      response.end('ok');
    });
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file', new Blob(['{"a":1}\n'], { type: 'application/jsonl' }), 'data.jsonl');
    expect(await (await fetch(base, { method: 'POST', body: form })).text()).toBe('ok');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed body'));
        controller.close();
      },
    });
    expect(await (await fetch(base, { method: 'POST', body: stream, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit)).text()).toBe('ok');
    expect(received).toEqual(['multipart/form-data with the file', 'text/plain streamed body']);
  });

  it('passes a gzip-compressed event stream on as it arrives, and an abort ends it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const base = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      const gzip = zlib.createGzip();
      gzip.pipe(response);
      gzip.write('data: first\n\n');
      // Sent at once, the second event only after the client has read the first: it is streamed, not buffered.
      gzip.flush(() => void released.then(() => gzip.end('data: second\n\n')));
    });
    const reader = (await fetch(base)).body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toBe('data: second\n\n');

    const controller = new AbortController();
    const held = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    const stream = (await fetch(held, { signal: controller.signal })).body!.getReader();
    expect(decoder.decode((await stream.read()).value)).toBe('data: one\n\n');
    controller.abort();
    await expect(stream.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps connections alive between calls', async () => {
    const ports = new Set<number>();
    const base = await serve((request, _body, response) => {
      ports.add(request.socket.remotePort!);
      response.end('ok');
    });
    for (let call = 0; call < 10; call += 1) expect(await (await fetch(base, { method: call % 2 ? 'POST' : 'GET', body: call % 2 ? 'x' : undefined })).text()).toBe('ok');
    // undici waits one turn of the event loop before it reuses a connection, so a call sent at once
    // after the last may open a second one; none opens a connection of its own.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('follows redirects as fetch does: 307 keeps the POST and its body, 303 turns into a GET', async () => {
    const seen: string[] = [];
    const base = await serve((request, body, response) => {
      seen.push(`${request.method} ${request.url} ${body}`);
      if (request.url === '/temporary') response.writeHead(307, { location: '/other' }).end();
      else if (request.url === '/see-other') response.writeHead(303, { location: '/other' }).end();
      else response.end('arrived');
    });
    expect(await (await fetch(`${base}/temporary`, { method: 'POST', body: 'payload' })).text()).toBe('arrived');
    expect(await (await fetch(`${base}/see-other`, { method: 'POST', body: 'payload' })).text()).toBe('arrived');
    expect(seen).toEqual(['POST /temporary payload', 'POST /other payload', 'POST /see-other payload', 'GET /other ']);
  });

  it('rejects with an AbortError when the signal fires while waiting for the answer', async () => {
    const base = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(fetch(base, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'agentlab-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(directory, 'key.pem'), '-out', path.join(directory, 'cert.pem')], { stdio: 'ignore' });
      const server = https.createServer({ key: readFileSync(path.join(directory, 'key.pem')), cert: readFileSync(path.join(directory, 'cert.pem')) }, (_request, response) => response.end('secret'));
      const base = await listen(server);
      await expect(fetch(base)).rejects.toThrow(/self[- ]signed certificate/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the openai client on the model transport', () => {
  const simulator = startSimServer({ latency: 'zero' });
  afterAll(async () => (await simulator).close());

  async function client(options: { baseURL?: string; timeout?: number } = {}): Promise<OpenAI> {
    return new OpenAI({ apiKey: 'sk-test', baseURL: options.baseURL ?? (await simulator).baseURL, maxRetries: 0, timeout: options.timeout ?? 10_000, fetch });
  }

  it('completes a chat', async () => {
    const completion = await (await client()).chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'Reply with "over undici"' }] });
    expect(completion.choices[0]?.message.content).toBe('over undici');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('reads a streamed chat event by event', async () => {
    const stream = await (await client()).chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'Reply with "streamed over undici"' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('streamed over undici');
    expect(chunks).toBeGreaterThan(2);
  });

  it('turns an error reply into the API error it describes', async () => {
    await expect((await client()).chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('times out a call that gets no answer', async () => {
    const base = await serve(() => undefined);
    await expect((await client({ baseURL: `${base}/v1`, timeout: 100 })).chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(OpenAI.APIConnectionTimeoutError);
  });
});
