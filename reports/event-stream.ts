// A server-sent events stream on a raw Node response: named events with JSON data, comment lines
// for heartbeats, the reconnection delay, and an end that is safe to call more than once.
import type { ServerResponse } from 'node:http';

export class EventStream {
  private ended = false;

  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
      // Proxies such as nginx would otherwise hold events back in their buffers.
      'X-Accel-Buffering': 'no',
    });
  }

  get isEnded(): boolean {
    return this.ended || this.response.destroyed;
  }

  /** JSON.stringify never emits a raw newline, so the data always fits one `data:` line. */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /** How long the browser waits before reconnecting once the stream ends. */
  retry(delayMs: number): void {
    this.write(`retry: ${Math.round(delayMs)}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.response.destroyed) this.response.end();
  }

  private write(text: string): void {
    if (!this.isEnded) this.response.write(text);
  }
}
