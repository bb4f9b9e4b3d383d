// Defaults of record and replay: what a key ignores, which response headers are kept, the format version.
/** Written in every cassette's header line; a cassette of another version is refused. */
export const CASSETTE_VERSION = 1;

/** Hex digits kept of a request key and a line digest (sha256): short enough to read, far from colliding. */
export const KEY_LENGTH = 16;
export const DIGEST_LENGTH = 16;

/**
 * Request body fields that do not change the answer and may differ between two runs of the same
 * request (end-user ids, tags, caching hints): left out of the key and of the cassette.
 */
export const VOLATILE_BODY_FIELDS: readonly string[] = ['user', 'metadata', 'safety_identifier', 'prompt_cache_key', 'store'];

/** Response headers kept in a cassette: what changes what a client does. Cookies, keys and the rest are dropped. */
export const KEPT_RESPONSE_HEADERS: readonly string[] = ['content-type', 'retry-after', 'retry-after-ms', 'x-should-retry', 'x-request-id', 'openai-model', 'openai-version'];
export const KEPT_RESPONSE_HEADER_PREFIXES: readonly string[] = ['x-ratelimit-'];

/** What a secret found in a recorded line is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would match ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** The base URL `sim:` models get when replaying with no endpoint: never dialled, since every call is served from cassettes. */
export const REPLAY_SIM_BASE_URL = 'http://127.0.0.1:9/v1';

/** Status of the answer to a request no cassette holds (strict replay): not a status clients retry. */
export const MISS_STATUS = 404;
/** `error.code` of that answer, and the cell's error code. */
export const MISS_ERROR_CODE = 'cassette_miss';
