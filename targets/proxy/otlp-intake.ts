// The OTLP/HTTP trace receiver on the proxy's own port, so an agent run as a command or served
// over HTTP can send its spans where its model calls go. Every span is written to the store; spans
// in the trace of an open session are also handed to it, whose tool spans become tool steps.
// Decoding is the report server's (reports/otlp); this is the same contract without Fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import {
  decodeOtlpJson,
  decodeOtlpProtobuf,
  defaultBodyLimitBytes,
  defaultDecompressedLimitBytes,
  encodeEmptyTraceResponse,
  OtlpError,
  type OtlpErrorBody,
} from '../../reports/otlp/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import type { ModelProxyOptions } from './model-proxy-types.js';
import { ProxyError } from './proxy-error.js';
import { readBody } from './read-body.js';

type OtlpFormat = 'json' | 'protobuf';

const jsonMediaType = 'application/json';
const protobufMediaType = 'application/x-protobuf';
const protobufMediaTypes = [protobufMediaType, 'application/protobuf'];
const contentEncodings = ['identity', 'gzip', 'x-gzip', 'deflate'];

function unsupported(what: string, accepted: readonly string[]): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_UNSUPPORTED_MEDIA_TYPE', 415, `${what} is not accepted here; send one of: ${accepted.join(', ')}.`);
}

function tooLarge(limitBytes: number, what: string): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_TOO_LARGE', 413, `The ${what} is larger than the ${limitBytes} bytes this receiver accepts.`);
}

function formatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === jsonMediaType) return 'json';
  if (protobufMediaTypes.includes(mediaType)) return 'protobuf';
  throw unsupported(mediaType === '' ? 'A request without a Content-Type' : `Content-Type ${JSON.stringify(mediaType)}`, [jsonMediaType, ...protobufMediaTypes]);
}

function decodedBody(body: Buffer, contentEncoding: string | undefined): Buffer {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase() || 'identity';
  if (!contentEncodings.includes(encoding)) throw unsupported(`Content-Encoding ${JSON.stringify(encoding)}`, contentEncodings);
  if (encoding === 'identity' || body.length === 0) return body;
  try {
    return (encoding === 'deflate' ? inflateSync : gunzipSync)(body, { maxOutputLength: defaultDecompressedLimitBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(defaultDecompressedLimitBytes, 'decompressed body');
    throw new OtlpError('AGENTLAB_OTLP_INVALID', 400, `The body is not valid ${encoding} data: ${(error as Error).message}`, { cause: error });
  }
}

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
      const format = formatOf(request.headers['content-type']);
      let raw: Buffer;
      try {
        raw = await readBody(request, defaultBodyLimitBytes);
      } catch (error) {
        throw error instanceof ProxyError ? tooLarge(defaultBodyLimitBytes, 'request body') : error;
      }
      const payload = decodedBody(raw, request.headers['content-encoding']);
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
