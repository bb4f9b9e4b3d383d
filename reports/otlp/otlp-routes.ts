// The OTLP/HTTP trace receiver as a Fastify plugin: `POST /v1/traces` with OTLP/JSON or
// OTLP/protobuf bodies, optionally gzip-compressed, written to the store as span records. Its body
// parser, auth hook and error handler live in their own encapsulated context, so the app's other
// routes keep Fastify's JSON parsing and their own error format.
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeSpans, type NormalizedSpanWriter, type PriceLookup } from '../../tracing/index.js';
import { decodeContentEncoding } from './content-encoding.js';
import { defaultBodyLimitBytes, defaultDecompressedLimitBytes, jsonMediaType, otlpTracesPath, protobufMediaType } from './constants.js';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf, encodeEmptyTraceResponse } from './decode-otlp-protobuf.js';
import { internalFailure, OtlpError, payloadTooLarge, storeFailed, unauthorized } from './errors.js';
import { otlpFormatOf } from './otlp-format.js';

export interface OtlpRoutesOptions {
  /** Where received spans go, normalised; the store's `Store` is one. */
  store: NormalizedSpanWriter;
  /** Prices for model calls that carry no cost, by model name; the built-in table by default. */
  priceFor?: PriceLookup;
  /** Largest body accepted as sent (compressed or not); 8 MiB by default. */
  bodyLimitBytes?: number;
  /** Largest body accepted once decompressed; 32 MiB by default. */
  decompressedLimitBytes?: number;
  /** Decides, before the body is read, whether a request may send traces; 401 when it returns false. */
  authorize?: (request: FastifyRequest) => boolean;
}

/** The body of every error answer, JSON whatever the request's format (exporters only log it). */
export interface OtlpErrorBody {
  error: { code: string; message: string };
}

function sendError(reply: FastifyReply, statusCode: number, code: string, message: string): FastifyReply {
  const body: OtlpErrorBody = { error: { code, message } };
  return reply.code(statusCode).type(jsonMediaType).send(body);
}

function handleError(bodyLimitBytes: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof OtlpError) {
      if (error.code === 'AGENTLAB_OTLP_STORE_FAILED') request.log.error({ err: error.cause }, error.message);
      return sendError(reply, error.statusCode, error.code, error.message);
    }
    if (error.statusCode === 413) {
      const tooLarge = payloadTooLarge(bodyLimitBytes, 'request body');
      return sendError(reply, tooLarge.statusCode, tooLarge.code, tooLarge.message);
    }
    // Fastify's own client errors (an aborted upload, a bad Content-Length) keep their status.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, error.code ?? 'AGENTLAB_OTLP_INVALID', error.message);
    }
    request.log.error({ err: error }, 'OTLP trace receiver failed');
    const failure = internalFailure(error);
    return sendError(reply, failure.statusCode, failure.code, failure.message);
  };
}

/** The plugin itself, for `app.register(otlpRoutes, options)`. */
export const otlpRoutes: FastifyPluginAsync<OtlpRoutesOptions> = async (instance, options) => {
  const bodyLimit = options.bodyLimitBytes ?? defaultBodyLimitBytes;
  const decompressedLimit = options.decompressedLimitBytes ?? defaultDecompressedLimitBytes;
  const authorize = options.authorize;

  // Every body arrives raw: JSON may be gzipped, and protobuf has no parser of its own.
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  instance.setErrorHandler(handleError(bodyLimit));
  if (authorize) {
    instance.addHook('onRequest', async (request) => {
      if (!authorize(request)) throw unauthorized();
    });
  }

  instance.post(otlpTracesPath, { bodyLimit }, async (request, reply) => {
    const format = otlpFormatOf(request.headers['content-type']);
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const payload = decodeContentEncoding(raw, request.headers['content-encoding'], decompressedLimit);
    const spans = format === 'json' ? decodeOtlpJson(payload) : decodeOtlpProtobuf(payload);
    if (spans.length > 0) {
      try {
        await options.store.writeSpans(normalizeSpans(spans, options.priceFor));
      } catch (error) {
        throw storeFailed(error);
      }
    }
    if (format === 'json') return reply.type(jsonMediaType).send({});
    return reply.type(protobufMediaType).send(Buffer.from(encodeEmptyTraceResponse()));
  });
};

/** Adds `POST /v1/traces` to `app`, in its own encapsulated context; it is ready once the app is. */
export function registerOtlpRoutes(app: FastifyInstance, options: OtlpRoutesOptions): void {
  void app.register(otlpRoutes, options);
}
