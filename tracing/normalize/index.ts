// Public surface of tracing/normalize: any span, in any dialect, as agentlab's view of it.
export { normalizeSpan } from './normalize-span.js';
export type { NormalizeOptions } from './normalize-span.js';
export { builtInPriceLookup } from './model-call-cost.js';
export type { PriceLookup } from './model-call-cost.js';
export { registerSpanDialect, spanDialects } from './span-dialects.js';
export type { SpanDialect } from './span-dialect.js';
export type { AgentRunView, CostSource, DialectReading, ModelCallView, SpanView, SpanViewType, ToolCallView } from './span-view.js';
