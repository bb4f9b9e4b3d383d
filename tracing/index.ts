// Public surface of tracing: SDK set-up, GenAI attribute names, span records and sinks, summaries.
export { setupTracing } from './tracing-setup.js';
export type { Tracing, TracingOptions } from './tracing-setup.js';
export { AgentlabAttribute, GenAiAttribute, GenAiOperation, GeneralAttribute, OpenInferenceAttribute, genAiSpanName } from './gen-ai-attributes.js';
export { toSpanRecord } from './span-record.js';
export type { SpanEventRecord, SpanKindName, SpanRecord, SpanStatusName } from './span-record.js';
export { MemorySpanSink, normalizingSink, SinkSpanExporter } from './span-sink.js';
export type { NormalizedSpanWriter, SpanSink } from './span-sink.js';
export { captureContentFromEnvironment, parseOtlpHeaders, readOtlpSettings } from './otlp-settings.js';
export type { OtlpSettings } from './otlp-settings.js';
export { normalizeSpans, summarizeNormalizedTrace, summarizeTrace } from './trace-summary.js';
export type { NormalizedSpan, TraceSummary } from './trace-summary.js';
export { builtInPriceLookup, normalizeSpan, registerSpanDialect, spanDialects } from './normalize/index.js';
export type { AgentRunView, CostSource, DialectReading, ModelCallView, NormalizeOptions, PriceLookup, SpanDialect, SpanView, SpanViewType, ToolCallView } from './normalize/index.js';
export { capturedContentMaxLength } from './constants.js';
export { capCapturedContent } from './cap-captured-content.js';
