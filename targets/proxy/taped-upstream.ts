// The proxy's upstream with a cell's tape in between (record and replay, models/cassettes): a call
// the cassette holds is answered from it, as the endpoint answered it (whole, as a stream, cut off,
// or not at all until the agent gives up); a call it does not hold is refused naming the request
// (strict replay); any other is sent to the endpoint and recorded as its answer is relayed.
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
      const body = new UpstreamBody({ pause: noop, resume: noop, abort: (reason) => body.fail(reason) });
      this.#body = body;
      for (const chunk of replayedChunks(recorded)) body.receive(Buffer.from(chunk, 'utf8'));
      if (recorded.outcome === 'answered') body.end();
      else if (recorded.outcome === 'cut_off') body.fail(new Error(recorded.error ?? 'the endpoint cut the answer off'));
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
