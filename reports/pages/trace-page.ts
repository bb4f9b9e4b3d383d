// A trace (`/traces/:traceId`, `/api/traces/:traceId`): for a trace of an eval case, the case's
// verdict at the top (trace-case-verdict.ts); its summary; its captured content as a conversation
// (reports/trace-transcript.ts); a waterfall of its spans in tree order with start offset, duration,
// tokens and cost; and one span (`?span=`, by default the first root) in a panel
// (trace-span-panel.ts). The page's script switches the panel in place. Rows and summary read the
// same normalised views, so the totals always agree with the rows. A case's model is named by its
// agentlab reference (`sim:weak`), any other by provider and name (`openai:gpt-4o-mini`).
import { messageLogOf } from '../message-log.js';
import type { MessageLog } from '../message-log.js';
import { z } from 'zod';
import type { NormalizedSpan, SpanEventRecord, SpanRecord, SpanView, TraceSummary } from '../../tracing/index.js';
import { normalizeSpans, summarizeNormalizedTrace } from '../../tracing/index.js';
import { badRequest, notFound } from '../errors.js';
import { parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { traceTranscript } from '../trace-transcript.js';
import type { TraceTranscript } from '../trace-transcript.js';
import { approvalSummary } from './trace-approval.js';
import { traceCaseVerdict } from './trace-case-verdict.js';
import type { TraceCaseVerdict } from './trace-case-verdict.js';
import { spanPanel, spanPanelEvent } from './trace-span-panel.js';
import type { SpanPanel } from './trace-span-panel.js';

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
  /** The view in words, for the panel: `model call openai:gpt-4o (openinference)`. */
  readsAs: string;
  /** How the page names the span's model: `sim:weak` for an eval case's, else `provider:model`. */
  modelName?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  attributes: SpanRecord['attributes'];
  events: SpanEventRecord[];
  /** For a call an approval gate held: `approved by ana at … (reason)`, or `waiting for approval`. */
  approval?: string;
}

export interface TracePageData {
  traceId: string;
  summary: TraceSummary;
  /** The eval result this trace belongs to, when its spans say. */
  runId?: string;
  caseId?: string;
  /** The case, its goal and expectations, and the result's verdict; absent for a trace of no eval case. */
  verdict?: TraceCaseVerdict;
  /** The models the trace called, as the page names them. */
  models: string[];
  /** The captured content as a conversation; empty when nothing was captured. */
  transcript: TraceTranscript;
  spans: WaterfallSpan[];
  selectedSpanId: string;
  /** The selected span as its panel shows it. */
  selectedSpan: SpanPanel;
  /** Every exception the spans recorded, in tree order: `type: message`, with its stack. */
  exceptions: TraceException[];
  /** How the trace's agents talked: direct messages, blackboard writes and the acts they set off, events. */
  messageLog: MessageLog;
}

export interface TraceException {
  spanId: string;
  spanName: string;
  /** The exception's type. */
  title: string;
  message?: string;
  stack?: string;
}

const querySchema = z.object({ span: textParameter.optional() });

const typeWords: Record<SpanView['type'], string> = { agent: 'agent run', model: 'model call', tool: 'tool call', other: 'other' };

type ModelNamer = (view: SpanView) => string | undefined;

/**
 * A case's model by the reference its result holds when the span names the same model (`weak` of
 * `sim:weak`); any other by its provider and name, unless the name already says its provider.
 */
function modelNamer(reference: string | undefined): ModelNamer {
  return (view) => {
    const model = view.model?.model;
    if (model === undefined) return undefined;
    if (reference !== undefined && (model === reference || reference.endsWith(`:${model}`))) return reference;
    const provider = view.model?.provider;
    if (provider === undefined || model.startsWith(`${provider}/`) || model.startsWith(`${provider}:`)) return model;
    return `${provider}:${model}`;
  };
}

function readsAs(view: SpanView, modelName: string | undefined): string {
  const subject = view.type === 'model' ? modelName : view.type === 'tool' ? view.tool?.name : view.type === 'agent' ? view.agent?.name : undefined;
  const cost = view.type === 'model' && view.costSource === 'no_price' ? ', no price' : '';
  return `${typeWords[view.type]}${subject ? ` ${subject}` : ''} (${view.dialect}${cost})`;
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

function waterfall(entries: readonly NormalizedSpan[], nameModel: ModelNamer): WaterfallSpan[] {
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
    const modelName = view.type === 'model' ? nameModel(view) : undefined;
    const approval = approvalSummary(span.attributes, span.events);
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
      readsAs: readsAs(view, modelName),
      ...(modelName !== undefined ? { modelName } : {}),
      ...(inputTokens !== undefined ? { inputTokens } : {}),
      ...(outputTokens !== undefined ? { outputTokens } : {}),
      ...(costUsd !== undefined ? { costUsd } : {}),
      attributes: span.attributes,
      events: span.events,
      ...(approval !== undefined ? { approval } : {}),
    };
  });
}

/** The panel of a span for the page's script: folded JSON values travel once, as the raw attributes beside it. */
function clientPanel(span: WaterfallSpan): SpanPanel {
  const panel = spanPanel(span, span.modelName);
  return { ...panel, attributes: panel.attributes.map((attribute) => (attribute.json ? { ...attribute, text: '' } : attribute)) };
}

export const tracePage = definePage<TracePageData>({
  path: '/traces/:traceId',
  apiPath: '/api/traces/:traceId',
  view: 'trace',
  nav: 'traces',
  title: (data) => (data.verdict ? `Trace of ${data.verdict.caseId}` : `Trace ${data.traceId}`),
  async load(request, { store, priceFor }) {
    const traceId = request.params.traceId ?? '';
    const query = parseQuery(querySchema, request.query);
    const spans = await store.spans(traceId);
    if (spans.length === 0) throw notFound(`Trace ${JSON.stringify(traceId)}`);
    const entries = normalizeSpans(spans, priceFor);
    const verdict = await traceCaseVerdict(store, traceId, entries);
    const nameModel = modelNamer(verdict?.model);
    const rows = waterfall(entries, nameModel);
    if (query.span !== undefined && !rows.some((row) => row.spanId === query.span)) throw badRequest(`Trace ${traceId} has no span ${JSON.stringify(query.span)}.`);
    const selected = rows.find((row) => row.spanId === query.span) ?? rows[0]!;
    const exceptions = rows.flatMap((row) =>
      row.events.map(spanPanelEvent).flatMap((event) => (event.exception ? [{ spanId: row.spanId, spanName: row.name, title: event.title, ...(event.message !== undefined ? { message: event.message } : {}), ...(event.stack ? { stack: event.stack } : {}) }] : [])),
    );
    const models = [...new Set(rows.map((row) => row.modelName).filter((name): name is string => name !== undefined))];
    return {
      traceId,
      summary: summarizeNormalizedTrace(entries),
      ...(verdict ? { runId: verdict.runId, caseId: verdict.caseId, verdict } : {}),
      models,
      transcript: traceTranscript(entries, verdict?.output !== undefined ? { finalAnswer: verdict.output } : {}),
      spans: rows,
      selectedSpanId: selected.spanId,
      selectedSpan: spanPanel(selected, selected.modelName),
      exceptions,
      messageLog: messageLogOf(spans),
    };
  },
  clientData: (data) => ({
    chart: 'trace',
    selectedSpanId: data.selectedSpanId,
    spans: data.spans.map((span) => ({ spanId: span.spanId, name: span.name, attributes: span.attributes, events: span.events, panel: clientPanel(span) })),
  }),
});
