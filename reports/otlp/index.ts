// Public surface of the OTLP/HTTP trace receiver: the Fastify routes, the decoders behind them
// (for importing OTLP files or testing), and its errors.
export { otlpRoutes, registerOtlpRoutes } from './otlp-routes.js';
export type { OtlpErrorBody, OtlpRoutesOptions } from './otlp-routes.js';
export { decodeOtlpJson } from './decode-otlp-json.js';
export { decodeOtlpProtobuf, encodeEmptyTraceResponse } from './decode-otlp-protobuf.js';
export { OtlpDecodeError, OtlpError, payloadTooLarge } from './errors.js';
export { decodeContentEncoding } from './content-encoding.js';
export { otlpFormatOf } from './otlp-format.js';
export type { OtlpFormat } from './otlp-format.js';
export type { OtlpErrorCode } from './errors.js';
export { defaultBodyLimitBytes, defaultDecompressedLimitBytes, otlpTracesPath } from './constants.js';
