// The OTLP/HTTP trace receiver on the proxy's own port, so an agent run as a command or served
// over HTTP can send its spans where its model calls go. Every span is written to the store; spans
// in the trace of an open session are also handed to it, whose tool spans become tool steps.
// Decoding is the report server's (reports/otlp); this is the same contract without Fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  decodeContentEncoding,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  defaultBodyLimitBytes,
  defaultDecompressedLimitBytes,
  encodeEmptyTraceResponse,
  OtlpError,
  otlpFormatOf,
  payloadTooLarge,
  type OtlpErrorBody,
} from '../../reports/otlp/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import type { ModelProxyOptions } from './model-proxy-types.js';
import { ProxyError } from './proxy-error.js';
import { readBody } from './read-body.js';

const jsonMediaType = 'application/json';
const protobufMediaType = 'application/x-protobuf';

function send(response: ServerResponse, status: number, contentType: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length });
  response.end(body);
}

function sendError(response: ServerResponse, error: OtlpError): void {
  const body: OtlpErrorBody = { error: { code: error.code, message: error.message } };
  send(response, error.statusCode, jsonMediaType, JSON.stringify(body));
}

export class OtlpIntake {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #spanWriter: ModelProxyOptions['spanWriter'];
  readonly #claim: (spans: SpanRecord[]) => void;

  /** `claim` is given every stored batch, to hand each session the spans of its trace. */
  constructor(spanWriter: ModelProxyOptions['spanWriter'], claim: (spans: SpanRecord[]) => void) {
    this.#spanWriter = spanWriter;
    this.#claim = claim;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const done = this.#receive(request, response).finally(() => this.#inFlight.delete(done));
    this.#inFlight.add(done);
  }

  /** Resolves once the posts in flight now have been handled. */
  async settled(): Promise<void> {
    await Promise.all(this.#inFlight);
  }

  async #receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const format = otlpFormatOf(request.headers['content-type']);
      let raw: Buffer;
      try {
        raw = await readBody(request, defaultBodyLimitBytes);
      } catch (error) {
        throw error instanceof ProxyError ? payloadTooLarge(defaultBodyLimitBytes, 'request body') : error;
      }
      const payload = decodeContentEncoding(raw, request.headers['content-encoding'], defaultDecompressedLimitBytes);
      const spans = format === 'json' ? decodeOtlpJson(payload) : decodeOtlpProtobuf(payload);
      if (spans.length > 0) {
        try {
          await this.#spanWriter?.write(spans);
        } catch (error) {
          // 503 is one of the statuses OTLP exporters retry.
          throw new OtlpError('AGENTLAB_OTLP_STORE_FAILED', 503, `The traces were valid but could not be stored: ${(error as Error).message}`, { cause: error });
        }
        this.#claim(spans);
      }
      if (format === 'json') send(response, 200, jsonMediaType, '{}');
      else send(response, 200, protobufMediaType, encodeEmptyTraceResponse());
    } catch (error) {
      if (response.headersSent || response.destroyed) return;
      if (!(error instanceof OtlpError)) request.resume();
      sendError(response, error instanceof OtlpError ? error : new OtlpError('AGENTLAB_OTLP_INTERNAL', 500, `The trace receiver failed on this request: ${(error as Error).message}`, { cause: error }));
    }
  }
}
