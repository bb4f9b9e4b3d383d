// The hop to the endpoint over kept-alive connections: a chat call the endpoint's side of an idle
// connection dropped is sent once more on a fresh one (the agent never sees the race), while a
// call whose fresh connection is dropped is reported, not sent twice, as node:http's client does.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, handleFor } from './test-support.js';

let proxy: ModelProxy;

beforeAll(async () => {
  proxy = await startModelProxy();
});
afterAll(() => proxy.close());

const completion = JSON.stringify({
  id: 'chatcmpl-raw',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
});

type Drop = 'closes' | 'resets';

interface RawEndpoint {
  baseURL: string;
  /** Requests received, by the connection (numbered from 1) they came on. */
  requests: number[];
  close(): Promise<void>;
}

/**
 * An HTTP/1.1 endpoint at the socket level, so that it can drop a connection at the worst moment:
 * `drop(connection, request)` says whether to close (or reset) a connection instead of answering
 * its nth request, as a server whose idle timeout fired just as the request arrived does.
 */
async function startRawEndpoint(how: Drop, drop: (connection: number, request: number) => boolean): Promise<RawEndpoint> {
  const requests: number[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const connection = (connections += 1);
    let served = 0;
    let buffered = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      buffered += text;
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, headEnd))?.[1] ?? 0);
        if (buffered.length < headEnd + 4 + length) return;
        buffered = buffered.slice(headEnd + 4 + length);
        served += 1;
        requests.push(connection);
        if (drop(connection, served)) {
          if (how === 'closes') socket.end();
          else socket.resetAndDestroy();
          return;
        }
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(completion)}\r\n\r\n${completion}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Reply with "hello"' }] };

describe.each<Drop>(['closes', 'resets'])('an endpoint that %s a connection instead of answering', (how) => {
  it('on a kept-alive connection: the call is sent again on a fresh one and answered', async () => {
    // The first connection answers once, then drops the next request it gets.
    const endpoint = await startRawEndpoint(how, (connection, request) => connection === 1 && request === 2);
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const client = agentClient(session);
    const first = await client.chat.completions.create(hello);
    const second = await client.chat.completions.create(hello);
    const recording = await session.close();
    await endpoint.close();
    expect([first.choices[0]!.message.content, second.choices[0]!.message.content]).toEqual(['hello', 'hello']);
    expect(endpoint.requests).toEqual([1, 1, 2]);
    expect(recording.endpointErrors).toEqual([]);
    expect(recording.steps.map((step) => step.type === 'model_call' && step.error === undefined)).toEqual([true, true]);
  });

  it('on a fresh connection: the call is reported as failed and not sent twice', async () => {
    const endpoint = await startRawEndpoint(how, () => true);
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const error = await agentClient(session).chat.completions.create(hello).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    const recording = await session.close();
    await endpoint.close();
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect(endpoint.requests).toEqual([1]);
    expect(recording.endpointErrors).toEqual([expect.stringContaining(`${endpoint.baseURL}/chat/completions`)]);
  });

  it('on a fresh connection opened while another sat idle: the call is reported, not sent twice', async () => {
    // The second connection, opened for the second of two calls at once, drops what it gets.
    const endpoint = await startRawEndpoint(how, (connection) => connection === 2);
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const client = agentClient(session);
    await client.chat.completions.create(hello);
    const outcomes = await Promise.allSettled([client.chat.completions.create(hello), client.chat.completions.create(hello)]);
    const recording = await session.close();
    await endpoint.close();
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect([...endpoint.requests].sort()).toEqual([1, 1, 2]);
    expect(recording.endpointErrors).toEqual([expect.stringContaining(`${endpoint.baseURL}/chat/completions`)]);
  });
});
