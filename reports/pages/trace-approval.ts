// How the trace page reads an approval gate: the gated execute_tool span carries the decision as
// attributes (agentlab.approval.status, .decided_by, .decided_at, .reason) and the span events
// agentlab.approval.requested and agentlab.approval.decided. The waterfall shows one line under the
// tool span, `approved by ana at 2026-03-04 10:20 UTC (a draft, safe to remove)`, and the span
// panel titles the events the same way instead of listing their raw attribute names.
import { AgentlabAttribute, AgentlabEvent } from '../../tracing/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { viewFormat } from '../view-format.js';

type Attributes = SpanRecord['attributes'];

/** Reasons longer than this are cut in the waterfall's line (the panel shows them whole). */
const summaryReasonCharacters = 80;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined);

/** An ISO 8601 time (or epoch milliseconds) as the pages write times; anything else as it came. */
function decidedAt(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return viewFormat.dateTime(value);
  const given = text(value);
  if (given === undefined) return undefined;
  const parsed = Date.parse(given);
  return Number.isNaN(parsed) ? given : viewFormat.dateTime(parsed);
}

function cut(reason: string, limit: number): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** `approved by ana at … (reason)`, `rejected by bo at …`, `waiting for approval`; undefined for a span no gate touched. */
function decisionLine(attributes: Attributes, reasonLimit: number | undefined): string | undefined {
  const status = text(attributes[AgentlabAttribute.approvalStatus]);
  if (status === undefined) return undefined;
  if (status === 'pending') return 'waiting for approval';
  const by = text(attributes[AgentlabAttribute.approvalDecidedBy]);
  const at = decidedAt(attributes[AgentlabAttribute.approvalDecidedAt]);
  const reason = text(attributes[AgentlabAttribute.approvalReason]);
  const shownReason = reason === undefined ? undefined : reasonLimit === undefined ? reason.trim() : cut(reason, reasonLimit);
  return `${status}${by ? ` by ${by}` : ''}${at ? ` at ${at}` : ''}${shownReason ? ` (${shownReason})` : ''}`;
}

/**
 * The waterfall's line for a gated call: the span's own attributes, with what they lack (often the
 * time) taken from its last decided event; a span that ended while its run paused carries only the
 * request, and reads `waiting for approval`.
 */
export function approvalSummary(attributes: Attributes, events: SpanRecord['events']): string | undefined {
  const decided = [...events].reverse().find((event) => event.name === AgentlabEvent.approvalDecided);
  // The span's own attributes win, except a `pending` status that the decision since replaced.
  const own = decided && text(attributes[AgentlabAttribute.approvalStatus]) === 'pending' ? { ...attributes, [AgentlabAttribute.approvalStatus]: '' } : attributes;
  const line = decisionLine({ ...(decided?.attributes ?? {}), ...withoutBlanks(own) }, summaryReasonCharacters);
  if (line !== undefined) return line;
  return events.some((event) => event.name === AgentlabEvent.approvalRequested) ? 'waiting for approval' : undefined;
}

/** The attributes that say something, so an empty one does not hide the event's. */
function withoutBlanks(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}

/** The attributes an approval event's title already says, left out of its detail. */
const decisionAttributes: ReadonlySet<string> = new Set([AgentlabAttribute.approvalStatus, AgentlabAttribute.approvalDecidedBy, AgentlabAttribute.approvalDecidedAt, AgentlabAttribute.approvalReason]);

/** An approval event's title and shown attributes; undefined for any other event. */
export function approvalEventHeading(record: SpanRecord['events'][number]): { title: string; shown: ReadonlySet<string> } | undefined {
  if (record.name === AgentlabEvent.approvalRequested) return { title: 'Approval requested', shown: new Set() };
  if (record.name !== AgentlabEvent.approvalDecided) return undefined;
  const line = decisionLine(record.attributes, undefined);
  return { title: line === undefined ? 'Approval decided' : `${line.charAt(0).toUpperCase()}${line.slice(1)}`, shown: decisionAttributes };
}
