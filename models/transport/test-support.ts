// A real forward proxy for the tests, written with node:http: absolute-URI requests (`GET
// http://host/path`, how an http endpoint is reached through HTTP_PROXY) are sent on, CONNECT
// requests (how an https endpoint is reached) are tunnelled, and every one is counted, with the
// Proxy-Authorization it carried. `refuse` makes it answer 403 to everything instead.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface ForwardProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `POST http://127.0.0.1:4010/v1/chat/completions`, `CONNECT api.example.test:443`, in order. */
  forwarded: string[];
  /** The Proxy-Authorization header of each request, when there was one. */
  authorizations: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(options: { refuse?: boolean } = {}): Promise<ForwardProxy> {
  const forwarded: string[] = [];
  const authorizations: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    forwarded.push(`${request.method} ${request.url}`);
    if (request.headers['proxy-authorization']) authorizations.push(request.headers['proxy-authorization']);
    if (options.refuse) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden by the test proxy');
      return;
    }
    const { 'proxy-authorization': _authorization, 'proxy-connection': _connection, ...headers } = request.headers;
    const upstream = http.request(request.url!, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    forwarded.push(`CONNECT ${request.url}`);
    if (request.headers['proxy-authorization']) authorizations.push(request.headers['proxy-authorization']);
    if (options.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = request.url!.split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
