// Trace and span ids as lowercase hex, from what OTLP carries: hex strings in OTLP/JSON, base64 in
// the generic protobuf JSON mapping (which some exporters send) and bytes in protobuf. Both forms
// answer a wrong length or an all-zero id with the same errors, showing a bytes id as base64.
import { OtlpDecodeError } from './errors.js';
import type { PathKey, PayloadPath } from './payload-path.js';
import { bytesAsBuffer } from './trace-proto.js';

const hexPattern = /^[0-9a-fA-F]+$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;
const allZeroPattern = /^0+$/;

function hexFromBase64(value: string): string | undefined {
  if (!base64Pattern.test(value)) return undefined;
  // Node reads both the standard and the URL-safe alphabet.
  return Buffer.from(value, 'base64').toString('hex');
}

function wrongLength(byteLength: number, shown: string, path: PayloadPath, key: PathKey): OtlpDecodeError {
  return new OtlpDecodeError(`expected ${byteLength} bytes as ${byteLength * 2} hex characters or base64, got ${JSON.stringify(shown.slice(0, 64))}`, { path: path.format(key) });
}

function allZero(path: PayloadPath, key: PathKey): OtlpDecodeError {
  return new OtlpDecodeError('an all-zero id is invalid', { path: path.format(key) });
}

function required(path: PayloadPath, key: PathKey): OtlpDecodeError {
  return new OtlpDecodeError('is required', { path: path.format(key) });
}

/**
 * Reads an OTLP/JSON id of `byteLength` bytes: hex, or base64 as a fallback. An absent or empty id
 * gives undefined (a root span's parent); an id of the wrong length, in neither encoding, or all
 * zeroes (invalid per the spec) throws.
 */
export function decodeOtlpId(value: unknown, byteLength: number, path: PayloadPath, key: PathKey): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OtlpDecodeError(`expected an id as a string, got ${typeof value}`, { path: path.format(key) });
  const hex = value.length === byteLength * 2 && hexPattern.test(value) ? value.toLowerCase() : hexFromBase64(value);
  if (hex === undefined || hex.length !== byteLength * 2) throw wrongLength(byteLength, value, path, key);
  if (allZeroPattern.test(hex)) throw allZero(path, key);
  return hex;
}

/** Like decodeOtlpId, for the ids a span cannot do without. */
export function requireOtlpId(value: unknown, byteLength: number, path: PayloadPath, key: PathKey): string {
  const id = decodeOtlpId(value, byteLength, path, key);
  if (id === undefined) throw required(path, key);
  return id;
}

function isAllZero(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) if (bytes[index] !== 0) return false;
  return true;
}

/** decodeOtlpId for an id carried as protobuf bytes: empty gives undefined. */
export function decodeOtlpIdBytes(bytes: Uint8Array, byteLength: number, path: PayloadPath, key: PathKey): string | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes.length !== byteLength) throw wrongLength(byteLength, bytesAsBuffer(bytes).toString('base64'), path, key);
  if (isAllZero(bytes)) throw allZero(path, key);
  return bytesAsBuffer(bytes).toString('hex');
}

/** Like decodeOtlpIdBytes, for the ids a span cannot do without. */
export function requireOtlpIdBytes(bytes: Uint8Array, byteLength: number, path: PayloadPath, key: PathKey): string {
  const id = decodeOtlpIdBytes(bytes, byteLength, path, key);
  if (id === undefined) throw required(path, key);
  return id;
}
