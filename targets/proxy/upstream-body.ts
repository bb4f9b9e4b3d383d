// The body of the endpoint's answer as it arrives from undici's dispatch: gathered whole without a
// stream (a non-streamed completion, an embedding, an error), or as a Node stream for the relays
// that pass it on as it comes (event streams, compressed streams). A stream is made only when asked
// for: it is most of what undici's own `request()` costs per call beyond the hop itself.
import { Readable } from 'node:stream';

/** What the body needs from the call it belongs to: undici's flow control, and a way to stop it. */
export interface BodyFlow {
  pause(): void;
  resume(): void;
  /** Stops the call and closes its connection; nothing once the body has ended. */
  abort(reason: Error): void;
}

export class UpstreamBody {
  readonly #flow: BodyFlow;
  #chunks: Buffer[] = [];
  #length = 0;
  #ended = false;
  #error: Error | undefined;
  #resolve: ((bytes: Buffer) => void) | undefined;
  #reject: ((error: Error) => void) | undefined;
  #stream: Readable | undefined;

  constructor(flow: BodyFlow) {
    this.#flow = flow;
  }

  /**
   * The whole body once it has ended; rejects when the endpoint cuts it off (undici's socket
   * error) or the call is aborted (with the reason).
   */
  whole(): Promise<Buffer> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve(this.#gathered());
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /**
   * The body as a stream, from its first byte: it ends when the answer is complete, errors when
   * it is cut off or aborted, and destroying it aborts the call.
   */
  stream(): Readable {
    const flow = this.#flow;
    const stream = new Readable({
      read: () => flow.resume(),
      destroy: (error, callback) => {
        if (!this.#ended && !this.#error) flow.abort(error ?? new Error('The answer was not read to its end.'));
        callback(error);
      },
    });
    this.#stream = stream;
    const chunks = this.#chunks;
    this.#chunks = [];
    for (const chunk of chunks) stream.push(chunk);
    if (this.#error) stream.destroy(this.#error);
    else if (this.#ended) stream.push(null);
    return stream;
  }

  /** A chunk from undici: passed on to the stream, or kept for `whole()`. */
  receive(chunk: Buffer): void {
    if (this.#stream) {
      if (!this.#stream.push(chunk)) this.#flow.pause();
      return;
    }
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  end(): void {
    this.#ended = true;
    if (this.#stream) this.#stream.push(null);
    else if (this.#resolve) this.#resolve(this.#gathered());
  }

  fail(error: Error): void {
    if (this.#ended || this.#error) return;
    this.#error = error;
    if (this.#stream) this.#stream.destroy(error);
    else this.#reject?.(error);
  }

  #gathered(): Buffer {
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#length);
  }
}
