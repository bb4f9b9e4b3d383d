// Tracing defaults.

export const defaultServiceName = 'agentlab';
export const tracerName = 'agentlab';
/** Batch processors export at least this often. */
export const defaultExportDelayMs = 500;
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
