// A trace (`/traces/:traceId`, `/api/traces/:traceId`): its summary and a waterfall of its spans in
// tree order with start offset, duration, tokens and cost, and the attributes of one span
// (`?span=`, by default the first root) in a panel. The page's script switches the panel in place.
// Rows and summary read the same normalised views, so the totals always agree with the rows.
import { z } from 'zod';
import type { NormalizedSpan, SpanEventRecord, SpanRecord, SpanView, TraceSummary } from '../../tracing/index.js';
import { AgentlabAttribute, normalizeSpans, summarizeNormalizedTrace } from '../../tracing/index.js';
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
  /** What the span is, whatever dialect wrote it. */
  view: SpanView;
  /** The view in words, for the panel: `model call gpt-4o (openinference)`. */
  readsAs: string;
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

const typeWords: Record<SpanView['type'], string> = { agent: 'agent run', model: 'model call', tool: 'tool call', other: 'other' };

function readsAs(view: SpanView): string {
  const subject = view.type === 'model' ? view.model?.model : view.type === 'tool' ? view.tool?.name : view.type === 'agent' ? view.agent?.name : undefined;
  const cost = view.type === 'model' && view.costSource === 'no_price' ? ', no price' : '';
  return `${typeWords[view.type]}${subject ? ` ${subject}` : ''} (${view.dialect}${cost})`;
}

function textAttribute(spans: readonly SpanRecord[], name: string): string | undefined {
  for (const span of spans) {
    const value = span.attributes[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Depth-first, children by start time; a span whose parent is not in the trace is a root. */
function treeOrder(entries: readonly NormalizedSpan[]): Array<NormalizedSpan & { depth: number }> {
  const ids = new Set(entries.map((entry) => entry.span.spanId));
  const children = new Map<string | undefined, NormalizedSpan[]>();
  for (const entry of entries) {
    const parentId = entry.span.parentSpanId;
    const parent = parentId !== undefined && ids.has(parentId) ? parentId : undefined;
    const siblings = children.get(parent);
    if (siblings) siblings.push(entry);
    else children.set(parent, [entry]);
  }
  const ordered: Array<NormalizedSpan & { depth: number }> = [];
  const visited = new Set<string>();
  const visit = (parent: string | undefined, depth: number): void => {
    for (const entry of children.get(parent) ?? []) {
      if (visited.has(entry.span.spanId)) continue;
      visited.add(entry.span.spanId);
      ordered.push({ ...entry, depth });
      visit(entry.span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  // A parent cycle leaves spans unreached from any root; show them at the top level rather than drop them.
  for (const entry of entries) if (!visited.has(entry.span.spanId)) ordered.push({ ...entry, depth: 0 });
  return ordered;
}

/** Finite times only: a span with absurd times is drawn at the start, not allowed to stretch the trace. */
const finiteTimes = (values: number[]) => values.filter((value) => Number.isFinite(value));

function waterfall(entries: readonly NormalizedSpan[]): WaterfallSpan[] {
  const start = Math.min(...finiteTimes(entries.map((entry) => entry.span.startTimeMs)));
  const end = Math.max(start, ...finiteTimes(entries.map((entry) => entry.span.endTimeMs)));
  const length = Math.max(end - start, Number.EPSILON);
  return treeOrder(entries).map(({ span, view, depth }) => {
    const inputTokens = view.model?.inputTokens;
    const outputTokens = view.model?.outputTokens;
    const costUsd = view.costUsd;
    const startOffset = Number.isFinite(span.startTimeMs) ? span.startTimeMs - start : 0;
    const offsetPercent = Math.min(100, Math.max(0, (startOffset / length) * 100));
    const durationMs = Number.isFinite(span.durationMs) ? Math.max(0, span.durationMs) : 0;
    return {
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
      name: span.name,
      kind: span.kind,
      depth,
      startOffsetMs: startOffset,
      durationMs,
      offsetPercent,
      widthPercent: Math.max(0, Math.min(100 - offsetPercent, Math.max((durationMs / length) * 100, 0.5))),
      status: span.status,
      serviceName: span.serviceName,
      view,
      readsAs: readsAs(view),
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
  load(request, { store, priceFor }) {
    const traceId = request.params.traceId ?? '';
    const query = parseQuery(querySchema, request.query);
    const spans = store.spans(traceId);
    if (spans.length === 0) throw notFound(`Trace ${JSON.stringify(traceId)}`);
    const entries = normalizeSpans(spans, priceFor);
    const rows = waterfall(entries);
    if (query.span !== undefined && !rows.some((row) => row.spanId === query.span)) throw badRequest(`Trace ${traceId} has no span ${JSON.stringify(query.span)}.`);
    const runId = textAttribute(spans, AgentlabAttribute.runId);
    const caseId = textAttribute(spans, AgentlabAttribute.caseId);
    return {
      traceId,
      summary: summarizeNormalizedTrace(entries),
      ...(runId ? { runId } : {}),
      ...(caseId ? { caseId } : {}),
      spans: rows,
      selectedSpanId: query.span ?? rows[0]!.spanId,
    };
  },
  clientData: (data) => ({
    chart: 'trace',
    selectedSpanId: data.selectedSpanId,
    spans: data.spans.map((span) => ({ spanId: span.spanId, name: span.name, kind: span.kind, status: span.status, serviceName: span.serviceName, readsAs: span.readsAs, startOffsetMs: span.startOffsetMs, durationMs: span.durationMs, attributes: span.attributes, events: span.events })),
  }),
});
