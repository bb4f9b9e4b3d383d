// A trace (`/traces/:traceId`, `/api/traces/:traceId`): its summary and a waterfall of its spans in
// tree order with start offset, duration, tokens and cost, and the attributes of one span
// (`?span=`, by default the first root) in a panel. The page's script switches the panel in place.
import { z } from 'zod';
import type { SpanEventRecord, SpanRecord, TraceSummary } from '../../tracing/index.js';
import { AgentlabAttribute, GenAiAttribute, summarizeTrace } from '../../tracing/index.js';
import { badRequest, notFound } from '../errors.js';
import { parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';

export interface WaterfallSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanRecord['kind'];
  /** Nesting level in the tree, 0 for a root. */
  depth: number;
  /** From the trace's first start, in milliseconds. */
  startOffsetMs: number;
  durationMs: number;
  /** Where the bar starts and how wide it is, as percentages of the trace's length. */
  offsetPercent: number;
  widthPercent: number;
  status: SpanRecord['status'];
  serviceName: string;
  operation?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  attributes: SpanRecord['attributes'];
  events: SpanEventRecord[];
}

export interface TracePageData {
  traceId: string;
  summary: TraceSummary;
  /** The eval result this trace belongs to, when its root says. */
  runId?: string;
  caseId?: string;
  spans: WaterfallSpan[];
  selectedSpanId: string;
}

const querySchema = z.object({ span: textParameter.optional() });

function numberAttribute(span: SpanRecord, name: string): number | undefined {
  const value = span.attributes[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function textAttribute(spans: readonly SpanRecord[], name: string): string | undefined {
  for (const span of spans) {
    const value = span.attributes[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Depth-first, children by start time; a span whose parent is not in the trace is a root. */
function treeOrder(spans: readonly SpanRecord[]): Array<{ span: SpanRecord; depth: number }> {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, SpanRecord[]>();
  for (const span of spans) {
    const parent = span.parentSpanId !== undefined && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: Array<{ span: SpanRecord; depth: number }> = [];
  const visited = new Set<string>();
  const visit = (parent: string | undefined, depth: number): void => {
    for (const span of children.get(parent) ?? []) {
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      ordered.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  // A parent cycle leaves spans unreached from any root; show them at the top level rather than drop them.
  for (const span of spans) if (!visited.has(span.spanId)) ordered.push({ span, depth: 0 });
  return ordered;
}

function waterfall(spans: readonly SpanRecord[]): WaterfallSpan[] {
  const start = Math.min(...spans.map((span) => span.startTimeMs));
  const end = Math.max(...spans.map((span) => span.endTimeMs));
  const length = Math.max(end - start, Number.EPSILON);
  return treeOrder(spans).map(({ span, depth }) => {
    const operation = span.attributes[GenAiAttribute.operationName];
    const inputTokens = numberAttribute(span, GenAiAttribute.usageInputTokens);
    const outputTokens = numberAttribute(span, GenAiAttribute.usageOutputTokens);
    const costUsd = numberAttribute(span, GenAiAttribute.usageCost);
    const offsetPercent = ((span.startTimeMs - start) / length) * 100;
    return {
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
      name: span.name,
      kind: span.kind,
      depth,
      startOffsetMs: span.startTimeMs - start,
      durationMs: span.durationMs,
      offsetPercent,
      widthPercent: Math.min(100 - offsetPercent, Math.max((span.durationMs / length) * 100, 0.5)),
      status: span.status,
      serviceName: span.serviceName,
      ...(typeof operation === 'string' ? { operation } : {}),
      ...(inputTokens !== undefined ? { inputTokens } : {}),
      ...(outputTokens !== undefined ? { outputTokens } : {}),
      ...(costUsd !== undefined ? { costUsd } : {}),
      attributes: span.attributes,
      events: span.events,
    };
  });
}

export const tracePage = definePage<TracePageData>({
  path: '/traces/:traceId',
  apiPath: '/api/traces/:traceId',
  view: 'trace',
  title: (data) => `Trace ${data.traceId}`,
  load(request, { store }) {
    const traceId = request.params.traceId ?? '';
    const query = parseQuery(querySchema, request.query);
    const spans = store.spans(traceId);
    if (spans.length === 0) throw notFound(`Trace ${JSON.stringify(traceId)}`);
    const rows = waterfall(spans);
    if (query.span !== undefined && !rows.some((row) => row.spanId === query.span)) throw badRequest(`Trace ${traceId} has no span ${JSON.stringify(query.span)}.`);
    const runId = textAttribute(spans, AgentlabAttribute.runId);
    const caseId = textAttribute(spans, AgentlabAttribute.caseId);
    return {
      traceId,
      summary: summarizeTrace(spans),
      ...(runId ? { runId } : {}),
      ...(caseId ? { caseId } : {}),
      spans: rows,
      selectedSpanId: query.span ?? rows[0]!.spanId,
    };
  },
  clientData: (data) => ({
    chart: 'trace',
    selectedSpanId: data.selectedSpanId,
    spans: data.spans.map((span) => ({ spanId: span.spanId, name: span.name, kind: span.kind, status: span.status, serviceName: span.serviceName, startOffsetMs: span.startOffsetMs, durationMs: span.durationMs, attributes: span.attributes, events: span.events })),
  }),
});
