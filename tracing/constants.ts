// Tracing defaults.

export const defaultServiceName = 'agentlab';
export const tracerName = 'agentlab';
/** Batch processors export over OTLP at least this often. */
export const defaultExportDelayMs = 500;
/**
 * Spans go to in-process sinks (the store) at least this often: a write is a local transaction, and
 * what is still queued when an eval ends is written after its last case, on the run's wall time (at
 * 500 ms, about 2,000 spans of a 4-case-wide eval, 30-40 ms).
 */
export const defaultSinkExportDelayMs = 100;
/**
 * Captured content attributes (messages, tool arguments and results) are at most this many
 * characters (UTF-16 code units) once serialised, the truncation marker included.
 */
export const capturedContentMaxLength = 8_192;
/**
 * When content must be cut, texts inside a JSON value are first shortened to no less than this many
 * characters; below that, whole messages (array items) are dropped instead, keeping the first ones
 * and the latest, before texts are shortened further.
 */
export const capturedTextComfortLength = 256;
/** No text inside a JSON value is cut shorter than this, so roles, types, ids and names survive. */
export const capturedTextMinimumLength = 32;
/** Array items kept at the start when the middle of a long array (a conversation) is dropped. */
export const capturedLeadingItems = 2;
/** OTLP encodings agentlab can send; the OTel specification recommends http/protobuf as the default. */
export const otlpProtocols = ['http/protobuf', 'http/json'] as const;
export const defaultOtlpProtocol = 'http/protobuf';
