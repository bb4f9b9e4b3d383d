// A kept-alive connection the endpoint dropped just as a request went out on it: the transport sends
// that request once more on a fresh connection (the client never sees the race), while a request
// whose fresh connection is dropped fails and is not sent twice, as node:http's client does.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelTransport } from './model-transport.js';

type Drop = 'closes' | 'resets';

interface RawEndpoint {
  url: string;
  /** Requests received, by the connection (numbered from 1) they came on. */
  requests: number[];
  close(): Promise<void>;
}

/** An HTTP/1.1 endpoint at the socket level that drops connection `c` instead of answering its `r`th request when `drop(c, r)`. */
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
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const transport = createModelTransport({ env: {} });
afterAll(() => transport.close());

function post(url: string): Promise<Response> {
  return transport.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m"}' });
}

describe.each<Drop>(['closes', 'resets'])('an endpoint that %s a connection instead of answering', (how) => {
  it('on a kept-alive connection: the POST is sent again on a fresh one and answered', async () => {
    const endpoint = await startRawEndpoint(how, (connection, request) => connection === 1 && request === 2);
    try {
      expect(await (await post(endpoint.url)).json()).toEqual({ ok: true });
      // undici reuses a connection from the next turn of the event loop on.
      await nextTurn();
      expect(await (await post(endpoint.url)).json()).toEqual({ ok: true });
      expect(endpoint.requests).toEqual([1, 1, 2]);
    } finally {
      await endpoint.close();
    }
  });

  it('on a fresh connection: the POST fails and is not sent twice', async () => {
    const endpoint = await startRawEndpoint(how, () => true);
    try {
      await expect(post(endpoint.url)).rejects.toThrow();
      expect(endpoint.requests).toEqual([1]);
    } finally {
      await endpoint.close();
    }
  });
});
