// The body of an answer as undici delivers it, chunk by chunk, in one of three ways chosen when the
// head arrives: gathered whole and decoded at once (JSON replies: no stream at all), passed on as a
// WHATWG stream while it arrives and decoded on the way (server-sent events), or thrown away
// (redirects, HEAD, 204). Decoding covers gzip, deflate and br, which the transport asks for.
import zlib from 'node:zlib';

/** What a body needs from the call it belongs to: undici's flow control. */
export interface BodyFlow {
  pause(): void;
  resume(): void;
  /** Stops the call: the reader cancelled the stream. */
  cancel(reason: Error): void;
}

type Encoding = 'gzip' | 'deflate' | 'br' | undefined;

/** Bytes a streamed body may hold unread before the connection is paused: Node's socket default. */
const streamHighWaterMarkBytes = 64 * 1024;

export function contentEncoding(header: string | string[] | undefined): Encoding {
  const value = (Array.isArray(header) ? header.join(',') : header)?.trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate' || value === 'br') return value;
  return undefined;
}

function decodeWhole(bytes: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'deflate') return zlib.inflateSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes);
  return bytes;
}

function decoder(encoding: Encoding): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  if (encoding === 'gzip') return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'deflate') return zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH });
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

export interface ResponseBody {
  receive(chunk: Buffer): void;
  end(): void;
  fail(error: Error): void;
}

/** A body gathered whole: `whole` resolves with the decoded bytes once it has ended. */
export class GatheredBody implements ResponseBody {
  readonly whole: Promise<Buffer>;
  readonly #encoding: Encoding;
  readonly #chunks: Buffer[] = [];
  #resolve!: (bytes: Buffer) => void;
  #reject!: (error: Error) => void;

  constructor(encoding: Encoding) {
    this.#encoding = encoding;
    this.whole = new Promise<Buffer>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Read by the fetch as soon as the head has arrived; a failure before that is not unhandled.
    this.whole.catch(() => undefined);
  }

  receive(chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  end(): void {
    const chunks = this.#chunks;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    try {
      this.#resolve(decodeWhole(bytes, this.#encoding));
    } catch (error) {
      this.#reject(error as Error);
    }
  }

  fail(error: Error): void {
    this.#reject(error);
  }
}

/** A body passed on as it arrives, as a stream the Response reads; undici pauses while the reader lags. */
export class StreamedBody implements ResponseBody {
  readonly stream: ReadableStream<Uint8Array>;
  readonly #flow: BodyFlow;
  readonly #decoder: ReturnType<typeof decoder>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #done = false;

  constructor(encoding: Encoding, flow: BodyFlow) {
    this.#flow = flow;
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#flow.resume(),
        cancel: (reason: unknown) => {
          this.#done = true;
          this.#flow.cancel(reason instanceof Error ? reason : new DOMException('The body was cancelled', 'AbortError'));
        },
      },
      // Counted in bytes, as a socket's buffer is: with the default (one chunk) every event of a
      // stream paused and resumed the connection.
      { highWaterMark: streamHighWaterMarkBytes, size: (chunk) => chunk.byteLength },
    );
    this.#decoder = decoder(encoding);
    this.#decoder?.on('data', (chunk: Buffer) => this.#enqueue(chunk));
    this.#decoder?.on('end', () => this.#close());
    this.#decoder?.on('error', (error) => this.fail(error));
  }

  receive(chunk: Buffer): void {
    if (this.#decoder) this.#decoder.write(chunk);
    else this.#enqueue(chunk);
  }

  end(): void {
    if (this.#decoder) this.#decoder.end();
    else this.#close();
  }

  fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#decoder?.destroy();
    this.#controller.error(error);
  }

  #enqueue(chunk: Buffer): void {
    if (this.#done) return;
    this.#controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((this.#controller.desiredSize ?? 1) <= 0) this.#flow.pause();
  }

  #close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#controller.close();
  }
}

/** A body nobody reads: a redirect's, a HEAD's, a 204's. */
export class DiscardedBody implements ResponseBody {
  receive(): void {}
  end(): void {}
  fail(): void {}
}
