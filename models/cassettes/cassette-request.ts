// A request as a cassette knows it: method, path below the endpoint's base URL, the attempt the
// client declared, and the JSON body with its keys sorted and volatile fields left out. Its key is a
// hash of that, so it is the same for the same request whatever transport sent it, whichever port
// the endpoint listened on, and whatever key authorised it (no header is part of it but the attempt,
// which decides the simulator's transport faults).
import { canonicalJson, shortHash, sortedValue } from './canonical-json.js';
import { KEY_LENGTH, VOLATILE_BODY_FIELDS } from './constants.js';
import type { Redactor } from './redact-secrets.js';

export interface CassetteRequest {
  method: string;
  /** Below the base URL, query included: `/chat/completions`. */
  path: string;
  /** 0 for a first try, 1 for the first retry…, when the client said (`x-stainless-retry-count`). */
  attempt?: number;
  /** The JSON body, keys sorted, volatile fields left out. */
  body?: unknown;
  /** A body that is not JSON, as text. */
  bodyText?: string;
}

export interface RequestInput {
  method: string;
  path: string;
  attempt?: string | null | undefined;
  body?: string | undefined;
}

export interface KeyedRequest {
  request: CassetteRequest;
  key: string;
}

function attemptOf(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : undefined;
}

function bodyOf(text: string | undefined): Pick<CassetteRequest, 'body' | 'bodyText'> {
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { bodyText: text };
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const kept = { ...(parsed as Record<string, unknown>) };
    for (const field of VOLATILE_BODY_FIELDS) delete kept[field];
    return { body: sortedValue(kept) };
  }
  return { body: parsed };
}

/** The key of a request as stored in a cassette (what a loaded line is checked against). */
export function requestKey(request: CassetteRequest): string {
  return shortHash(canonicalJson(request), KEY_LENGTH);
}

/** The canonical request, with secrets redacted, and its key. */
export function keyedRequest(input: RequestInput, redact: Redactor): KeyedRequest {
  const attempt = attemptOf(input.attempt);
  const raw: CassetteRequest = { method: input.method.toUpperCase(), path: input.path, ...(attempt === undefined ? {} : { attempt }), ...bodyOf(input.body) };
  const request = JSON.parse(redact(canonicalJson(raw))) as CassetteRequest;
  return { request, key: requestKey(request) };
}

/** A short description of a request for a message: `POST /chat/completions (model strong, 3 messages, last user: "Find…")`. */
export function describeRequest(request: CassetteRequest): string {
  const details: string[] = [];
  const body = request.body as { model?: unknown; messages?: unknown; stream?: unknown; input?: unknown } | undefined;
  if (body && typeof body === 'object') {
    if (typeof body.model === 'string') details.push(`model ${body.model}`);
    if (body.stream === true) details.push('streamed');
    if (Array.isArray(body.messages)) {
      details.push(`${body.messages.length} message${body.messages.length === 1 ? '' : 's'}`);
      const last = body.messages.at(-1) as { role?: unknown; content?: unknown } | undefined;
      if (last && typeof last.content === 'string') {
        const content = last.content.replace(/\s+/g, ' ').trim();
        details.push(`last ${String(last.role)}: "${content.length > 60 ? `${content.slice(0, 60)}…` : content}"`);
      }
    }
  }
  if (request.attempt !== undefined && request.attempt > 0) details.push(`retry ${request.attempt}`);
  return `${request.method} ${request.path}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
