// Undoes the Content-Encoding of a request body (OTel exporters gzip when `compression: 'gzip'`),
// refusing to inflate past a limit so a small compressed body cannot exhaust memory.
import { gunzipSync, inflateSync } from 'node:zlib';
import { supportedContentEncodings } from './constants.js';
import { OtlpDecodeError, payloadTooLarge, unsupportedMediaType } from './errors.js';

function isOutputTooLarge(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
}

export function decodeContentEncoding(body: Buffer, contentEncoding: string | undefined, limitBytes: number): Buffer {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase() || 'identity';
  if (!supportedContentEncodings.includes(encoding)) throw unsupportedMediaType(`Content-Encoding ${JSON.stringify(encoding)}`, supportedContentEncodings);
  if (encoding === 'identity' || body.length === 0) return body;
  const inflate = encoding === 'deflate' ? inflateSync : gunzipSync;
  try {
    return inflate(body, { maxOutputLength: limitBytes });
  } catch (error) {
    if (isOutputTooLarge(error)) throw payloadTooLarge(limitBytes, 'decompressed body');
    throw new OtlpDecodeError(`The body is not valid ${encoding} data: ${(error as Error).message}`, { cause: error });
  }
}
