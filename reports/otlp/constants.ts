// Defaults and fixed names of the OTLP/HTTP trace receiver: where it listens, what it accepts and
// how much.

/** The path OTLP/HTTP exporters post traces to (the spec's default signal path). */
export const otlpTracesPath = '/v1/traces';

/** Request bodies larger than this, as sent on the wire, are refused with 413. */
export const defaultBodyLimitBytes = 8 * 1024 * 1024;
/** A compressed body may expand to at most this many bytes before it is refused with 413. */
export const defaultDecompressedLimitBytes = 32 * 1024 * 1024;

export const jsonMediaType = 'application/json';
export const protobufMediaType = 'application/x-protobuf';
/** Media types read as OTLP/JSON and as OTLP/protobuf; the first of each is the canonical one. */
export const jsonMediaTypes: readonly string[] = [jsonMediaType];
export const protobufMediaTypes: readonly string[] = [protobufMediaType, 'application/protobuf'];

/** Content-Encoding values the receiver undoes; OTel exporters send gzip when asked to compress. */
export const supportedContentEncodings: readonly string[] = ['identity', 'gzip', 'x-gzip', 'deflate'];

/** The service name of spans whose resource carries no `service.name` (as for the SDK's own spans). */
export const unknownServiceName = 'unknown';

/** OTLP ids are fixed-length byte strings: 16 bytes for a trace, 8 for a span. */
export const traceIdByteLength = 16;
export const spanIdByteLength = 8;

/** The fully qualified protobuf message names of the trace export service. */
export const exportTraceServiceRequestName = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';
export const exportTraceServiceResponseName = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse';
/** The vendored .proto file that declares them, relative to `proto/`. */
export const traceServiceProtoFile = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';
