// One span as the trace page's side panel shows it, laid out for reading: its facts with figures
// formatted, its attributes (costs, tokens and durations as figures; JSON values folded and
// pretty-printed, never one raw line), and its events (an exception as `type: message` with its
// stack folded; an approval decision as `Approved by ana at … (reason)`). The server renders the selected span's panel from this and the page's script
// renders any other from the same shape, so both read alike.
import type { SpanRecord } from '../../tracing/index.js';
import { isJsonDocument, prettyContent } from '../trace-transcript.js';
import { viewFormat } from '../view-format.js';
import { approvalEventHeading } from './trace-approval.js';
import type { WaterfallSpan } from './trace-page.js';

export interface SpanPanelFact {
  label: string;
  text: string;
}

export interface SpanPanelAttribute {
  name: string;
  /** The value as a person reads it; pretty-printed JSON when `json` is set. */
  text: string;
  /** A JSON object or list, shown folded behind `summary`. */
  json: boolean;
  summary?: string;
}

export interface SpanPanelEvent {
  name: string;
  /** An exception's type (`TypeError`); the event's name otherwise. */
  title: string;
  /** An exception's message, without the type it may repeat at its start. */
  message?: string;
  /** The other attributes, `name value` joined with ` · `. */
  detail?: string;
  /** An exception's stack trace, shown folded. */
  stack?: string;
  exception: boolean;
}

export interface SpanPanel {
  spanId: string;
  name: string;
  facts: SpanPanelFact[];
  attributes: SpanPanelAttribute[];
  events: SpanPanelEvent[];
}

const exceptionAttribute = { type: 'exception.type', message: 'exception.message', stack: 'exception.stacktrace' } as const;

/** `4 messages`, `a list of 3`, `an object of 2 fields`: what a folded JSON value holds. */
function jsonSummary(text: string): string {
  const value = JSON.parse(text) as unknown;
  if (Array.isArray(value)) {
    const messages = value.length > 0 && value.every((item) => item !== null && typeof item === 'object' && 'role' in item);
    const noun = messages ? 'message' : 'item';
    return `${viewFormat.count(value.length)} ${noun}${value.length === 1 ? '' : 's'}`;
  }
  const fields = Object.keys(value as object).length;
  return `${viewFormat.count(fields)} field${fields === 1 ? '' : 's'}`;
}

function attribute(name: string, value: unknown): SpanPanelAttribute {
  if (typeof value === 'string' && isJsonDocument(value)) {
    const text = prettyContent(value);
    return { name, text, json: true, summary: `${jsonSummary(text)} · JSON, ${viewFormat.count(value.length)} characters` };
  }
  return { name, text: viewFormat.attributeFigure(name, value), json: false };
}

/** An event as the panel shows it; an exception folded to `type: message` with its stack apart. */
export function spanPanelEvent(record: SpanRecord['events'][number]): SpanPanelEvent {
  const attributes = record.attributes;
  const exception = record.name === 'exception';
  const type = attributes[exceptionAttribute.type];
  const message = attributes[exceptionAttribute.message];
  const stack = attributes[exceptionAttribute.stack];
  // An approval's decision reads as a sentence (`Approved by ana at … (reason)`), its attributes not repeated.
  const approval = approvalEventHeading(record);
  const shown = new Set<string>(exception ? Object.values(exceptionAttribute) : approval ? approval.shown : []);
  const rest = Object.entries(attributes)
    .filter(([name]) => !shown.has(name))
    .map(([name, value]) => `${name} ${viewFormat.attributeFigure(name, value)}`);
  const title = exception ? (typeof type === 'string' || typeof type === 'number' ? String(type) : 'exception') : (approval?.title ?? record.name);
  const shownMessage = exception && typeof message === 'string' && message !== '' ? (message.startsWith(`${title}: `) ? message.slice(title.length + 2) : message) : undefined;
  return {
    name: record.name,
    title,
    ...(shownMessage !== undefined ? { message: shownMessage } : {}),
    ...(rest.length > 0 ? { detail: rest.join(' · ') } : {}),
    ...(exception && typeof stack === 'string' && stack !== '' ? { stack } : {}),
    exception,
  };
}

/** `modelName` is how the page names the span's model (the agentlab reference of a case's model). */
export function spanPanel(span: WaterfallSpan, modelName: string | undefined): SpanPanel {
  const view = span.view;
  const facts: SpanPanelFact[] = [
    { label: 'Span', text: span.spanId },
    { label: 'Reads as', text: span.readsAs },
    ...(modelName !== undefined ? [{ label: 'Model', text: modelName }] : []),
    ...(view.type === 'tool' && view.tool ? [{ label: 'Tool', text: view.tool.name }] : []),
    { label: 'Kind', text: span.kind },
    { label: 'Service', text: span.serviceName },
    { label: 'Status', text: `${span.status.code}${span.status.message ? `: ${span.status.message}` : ''}` },
    { label: 'Starts at', text: `+${viewFormat.milliseconds(span.startOffsetMs)}` },
    { label: 'Duration', text: viewFormat.milliseconds(span.durationMs) },
    ...(span.inputTokens !== undefined || span.outputTokens !== undefined
      ? [{ label: 'Tokens', text: `${viewFormat.count(span.inputTokens ?? 0)} in · ${viewFormat.count(span.outputTokens ?? 0)} out` }]
      : []),
    ...(view.type === 'model' ? [{ label: 'Cost', text: view.costSource === 'no_price' ? 'no price' : viewFormat.usdPrecise(span.costUsd) }] : []),
  ];
  return {
    spanId: span.spanId,
    name: span.name,
    facts,
    attributes: Object.entries(span.attributes).map(([name, value]) => attribute(name, value)),
    events: span.events.map(spanPanelEvent),
  };
}
