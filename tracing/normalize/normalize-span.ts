// One span in agentlab's view: the first dialect that recognises it reads it, a model call gets its
// cost, a failed span its error. A span no dialect can read is `other`, kept as it was.
import { GeneralAttribute } from '../gen-ai-attributes.js';
import type { SpanRecord } from '../span-record.js';
import { modelCallCost, type PriceLookup } from './model-call-cost.js';
import { textOf } from './read-attributes.js';
import { spanDialects } from './span-dialects.js';
import type { DialectReading, SpanView } from './span-view.js';

export interface NormalizeOptions {
  /** Prices by model name, for model calls that carry no cost of their own; the built-in table by default. */
  priceFor?: PriceLookup;
}

function readSpan(span: SpanRecord): { dialect: string; reading: DialectReading } | undefined {
  for (const dialect of spanDialects) {
    const reading = dialect.read(span);
    if (reading) return { dialect: dialect.name, reading };
  }
  return undefined;
}

function errorOf(span: SpanRecord): string | undefined {
  if (span.status.code !== 'error') return undefined;
  return textOf(span.attributes[GeneralAttribute.errorType]) ?? (span.status.message || 'error');
}

export function normalizeSpan(span: SpanRecord, options: NormalizeOptions = {}): SpanView {
  const found = readSpan(span);
  const error = errorOf(span);
  const view: SpanView = { type: found?.reading.type ?? 'other', dialect: found?.dialect ?? 'unknown' };
  const reading = found?.reading;
  if (reading?.agent) view.agent = reading.agent;
  if (reading?.tool) view.tool = reading.tool;
  if (reading?.model) {
    view.model = reading.model;
    const cost = modelCallCost(reading.model, reading.costUsd, options.priceFor);
    if (cost.costUsd !== undefined) view.costUsd = cost.costUsd;
    view.costSource = cost.costSource;
  }
  if (error !== undefined) view.error = error;
  return view;
}
