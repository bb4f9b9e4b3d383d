// The proxy's upstream with a cell's tape in between (record and replay, models/cassettes): a call
// the cassette holds is answered from it, as the endpoint answered it (whole, as a stream, cut off,
// or not at all until the agent gives up); a call it does not hold is refused naming the request
// (strict replay); any other is sent to the endpoint and recorded as its answer is relayed.
import { Readable } from 'node:stream';
import { CellTape, failedResponse, MISS_STATUS, missAnswerBody, missAnswerHeaders, RETRY_COUNT_HEADER, ResponseCapture, replayedChunks, replayedHeaders, type RecordedResponse } from '../../models/index.js';
import type { ForwardedRequest, SentRequest } from './forward-request.js';
import { ProxyError } from './proxy-error.js';
import { UpstreamBody } from './upstream-body.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';
import type { UpstreamResponse } from './upstream-response.js';

/** What sends a forwarded request: the proxy's pooled Upstream, or a taped one. */
export interface UpstreamSender {
  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest;
}

function noop(): void {}

function headerOf(headers: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < headers.length; index += 2) if (headers[index]!.toLowerCase() === name) return headers[index + 1];
  return undefined;
}

/**
 * A recorded body, handed out chunk by chunk as the relay reads it: after the last chunk it ends, breaks
 * off (a cut-off answer: once the relay has passed the chunks on, as the endpoint's break came after
 * them), or waits for the abort (an answer that never finished).
 */
class ReplayedBody extends UpstreamBody {
  readonly #chunks: Buffer[];
  readonly #ending: 'end' | 'wait' | Error;
  #stream: Readable | undefined;
  #aborted: Error | undefined;
  #abortWaiter: ((error: Error) => void) | undefined;

  constructor(chunks: Buffer[], ending: 'end' | 'wait' | Error) {
    super({ pause: noop, resume: noop, abort: noop });
    this.#chunks = chunks;
    this.#ending = ending;
  }

  override whole(): Promise<Buffer> {
    if (this.#aborted) return Promise.reject(this.#aborted);
    if (this.#ending === 'end') return Promise.resolve(Buffer.concat(this.#chunks));
    if (this.#ending instanceof Error) return Promise.reject(this.#ending);
    return new Promise((_resolve, reject) => (this.#abortWaiter = reject));
  }

  override stream(): Readable {
    let index = 0;
    const stream = new Readable({
      read: () => {
        if (index < this.#chunks.length) stream.push(this.#chunks[index++]);
        else if (this.#ending === 'end') stream.push(null);
        else if (this.#ending instanceof Error) {
          const error = this.#ending;
          setImmediate(() => stream.destroy(error));
        }
      },
    });
    this.#stream = stream;
    if (this.#aborted) stream.destroy(this.#aborted);
    return stream;
  }

  override fail(error: Error): void {
    if (this.#aborted) return;
    this.#aborted = error;
    this.#stream?.destroy(error);
    this.#abortWaiter?.(error);
  }
}

/** A recorded answer, served as the endpoint served it. */
class ReplayedCall implements SentRequest {
  readonly response: Promise<UpstreamResponse>;
  #body: UpstreamBody | undefined;
  #reject: (error: Error) => void = noop;

  constructor(recorded: RecordedResponse) {
    this.response = new Promise<UpstreamResponse>((resolve, reject) => {
      this.#reject = reject;
      if (recorded.outcome === 'unreachable') {
        reject(new ProxyError('AGENTLAB_PROXY_ENDPOINT_UNREACHABLE', 502, recorded.error ?? 'The model proxy could not reach the model endpoint.'));
        return;
      }
      // Never answered: waits for the agent to give up (abort), as it did when recorded.
      if (recorded.status === undefined) return;
      const chunks = replayedChunks(recorded).map((chunk) => Buffer.from(chunk, 'utf8'));
      const ending = recorded.outcome === 'answered' ? 'end' : recorded.outcome === 'cut_off' ? new Error(recorded.error ?? 'the endpoint cut the answer off') : 'wait';
      const body = new ReplayedBody(chunks, ending);
      this.#body = body;
      resolve({ statusCode: recorded.status, statusText: recorded.statusText ?? '', headers: replayedHeaders(recorded), body });
    });
    this.response.catch(noop);
  }

  abort(reason: ProxyError): void {
    if (this.#body) this.#body.fail(reason);
    else this.#reject(reason);
  }
}

/** A live call whose answer is recorded as it is relayed, chunk by chunk. */
class RecordedCall implements SentRequest {
  readonly response: Promise<UpstreamResponse>;
  readonly #sent: SentRequest;
  #aborted = false;

  constructor(sent: SentRequest, finish: (response: RecordedResponse) => void) {
    this.#sent = sent;
    this.response = sent.response.then(
      (upstream) => {
        const capture = new ResponseCapture(upstream.statusCode, upstream.statusText, upstream.headers, { decodedAlready: false });
        const source = upstream.body.stream();
        const body = new UpstreamBody({ pause: () => source.pause(), resume: () => source.resume(), abort: (reason) => source.destroy(reason) });
        source.on('data', (chunk: Buffer) => {
          capture.add(chunk);
          body.receive(chunk);
        });
        source.once('end', () => {
          finish(capture.finish('answered'));
          body.end();
        });
        source.once('error', (error) => {
          finish(capture.finish(this.#aborted ? 'aborted' : 'cut_off', error));
          body.fail(error);
        });
        return { ...upstream, body };
      },
      (error: unknown) => {
        finish(failedResponse(this.#aborted ? 'aborted' : 'unreachable', error));
        throw error;
      },
    );
    this.response.catch(noop);
  }

  abort(reason: ProxyError): void {
    this.#aborted = true;
    this.#sent.abort(reason);
  }
}

/** The answer to a request no cassette holds: a 404 naming it, which clients do not retry. */
function missedCall(message: string): SentRequest {
  const body = new UpstreamBody({ pause: noop, resume: noop, abort: noop });
  body.receive(Buffer.from(missAnswerBody(message), 'utf8'));
  body.end();
  return { response: Promise.resolve({ statusCode: MISS_STATUS, statusText: 'Not Found', headers: { ...missAnswerHeaders }, body }), abort: noop };
}

export class TapedUpstream implements UpstreamSender {
  readonly #upstream: UpstreamSender;
  readonly #tape: CellTape;

  constructor(upstream: UpstreamSender, tape: CellTape) {
    this.#upstream = upstream;
    this.#tape = tape;
  }

  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
    const body = forwarded.body === undefined ? undefined : typeof forwarded.body === 'string' ? forwarded.body : forwarded.body.toString('utf8');
    const turn = this.#tape.begin({ method: forwarded.method, path: forwarded.path, attempt: headerOf(forwarded.headers, RETRY_COUNT_HEADER), body });
    if (turn.kind === 'replay') return new ReplayedCall(turn.response);
    if (turn.kind === 'miss') return missedCall(turn.message);
    return new RecordedCall(this.#upstream.send(endpoint, forwarded), turn.finish);
  }
}
