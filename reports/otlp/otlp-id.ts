// Trace and span ids as lowercase hex, from what OTLP carries: hex strings in OTLP/JSON, base64 in
// the generic protobuf JSON mapping (which some exporters send) and bytes in protobuf.
import { OtlpDecodeError } from './errors.js';

/** How ids arrive: `text` is OTLP/JSON (hex, or base64 as a fallback); `base64` is protobuf bytes rendered by protobufjs. */
export type IdEncoding = 'text' | 'base64';

const hexPattern = /^[0-9a-fA-F]+$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

function isAllZero(hex: string): boolean {
  return /^0+$/.test(hex);
}

function hexFromBase64(value: string): string | undefined {
  if (!base64Pattern.test(value)) return undefined;
  // Node reads both the standard and the URL-safe alphabet.
  return Buffer.from(value, 'base64').toString('hex');
}

/**
 * Reads an id of `byteLength` bytes. An absent or empty id gives undefined (a root span's parent);
 * an id of the wrong length, in neither encoding, or all zeroes (invalid per the spec) throws.
 */
export function decodeOtlpId(value: unknown, byteLength: number, path: string, encoding: IdEncoding): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OtlpDecodeError(`expected an id as a string, got ${typeof value}`, { path });
  const hex =
    encoding === 'text' && value.length === byteLength * 2 && hexPattern.test(value) ? value.toLowerCase() : hexFromBase64(value);
  if (hex === undefined || hex.length !== byteLength * 2) {
    throw new OtlpDecodeError(`expected ${byteLength} bytes as ${byteLength * 2} hex characters or base64, got ${JSON.stringify(value.slice(0, 64))}`, { path });
  }
  if (isAllZero(hex)) throw new OtlpDecodeError('an all-zero id is invalid', { path });
  return hex;
}

/** Like decodeOtlpId, for the ids a span cannot do without. */
export function requireOtlpId(value: unknown, byteLength: number, path: string, encoding: IdEncoding): string {
  const id = decodeOtlpId(value, byteLength, path, encoding);
  if (id === undefined) throw new OtlpDecodeError('is required', { path });
  return id;
}
