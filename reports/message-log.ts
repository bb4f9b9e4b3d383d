// How the agents of a trace (or of a run's traces) talked, read back from the stored spans: the
// direct messages, the blackboard's history of writes with the watchers each write called and the
// acts it set off, and the event bus's trail with each handler's outcome. agents/messaging writes
// these as span events (tracing/messaging-attributes.ts); views/partials/message-log.eta renders the
// result. Every act carries its chain of causes back to the first write, which answers "why did this
// agent act" without reading the whole trace.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../tracing/index.js';
import { BlackboardAttribute, EventBusAttribute, GenAiAttribute, MessageAttribute, MessagingEvent, parseCause, type MessagingCause } from '../tracing/index.js';
import { messageLogTraceLimit } from './constants.js';

/** Where an entry was recorded: its trace, the span that was active, and its time from the trace's start. */
export interface LogPlace {
  traceId: string;
  spanId: string;
  spanName: string;
  timeMs: number;
  offsetMs: number;
}

export interface LoggedMessage extends LogPlace {
  id: string;
  sender: string;
  recipient: string;
  metadata: Record<string, unknown>;
  contentLength: number;
  /** Only when the run captured content. */
  content?: string;
  cause?: MessagingCause;
}

export interface WatcherCall {
  watcher: string;
  prefix: string;
  outcome: string;
  error?: string;
}

export interface TriggeredAct {
  traceId: string;
  spanId: string;
  spanName: string;
  /** The agent that acted (gen_ai.agent.name, else the span name). */
  agent: string;
  watcher?: string;
  startOffsetMs: number;
}

export interface LoggedWrite extends LogPlace {
  key: string;
  version: number;
  author: string;
  metadata: Record<string, unknown>;
  valueLength: number;
  /** The value as JSON, only when the run captured content. */
  value?: string;
  cause?: MessagingCause;
  watchers: WatcherCall[];
  /** The acts whose span cites this write as their trigger. */
  acts: TriggeredAct[];
}

export interface HandlerResult {
  handler: string;
  outcome: string;
  error?: string;
}

export interface LoggedEvent extends LogPlace {
  id: string;
  type: string;
  sender: string;
  dataLength: number;
  /** The data as JSON, only when the run captured content. */
  data?: string;
  cause?: MessagingCause;
  handlerCount: number;
  outcomes: HandlerResult[];
}

/** One link of an act's chain of causes, from the triggering write back to the first cause. */
export interface CauseLink {
  kind: MessagingCause['kind'];
  /** `draft@2 by writer`, `message-3 researcher → supervisor`, `event-1 review-verdict from reviewer`. */
  text: string;
  /** False when the trace holds no record of it (a cause from outside the spans read). */
  found: boolean;
}

export interface LoggedAct extends TriggeredAct {
  trigger: { key: string; version: number; author?: string };
  /** The triggering write first, then what caused it, and so on. */
  because: CauseLink[];
}

export interface MessageLog {
  traceIds: string[];
  messages: LoggedMessage[];
  writes: LoggedWrite[];
  events: LoggedEvent[];
  acts: LoggedAct[];
  /** Traces left unread because of the limit (messageLogOfTraces only). */
  tracesLeftOut: number;
}

const text = (value: AttributeValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: AttributeValue | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function metadataOf(value: AttributeValue | undefined): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function causeOf(value: AttributeValue | undefined): { cause?: MessagingCause } {
  const cause = typeof value === 'string' ? parseCause(value) : undefined;
  return cause ? { cause } : {};
}

const writeKey = (traceId: string, key: string, version: number) => `${traceId} ${key}@${version}`;

/** The message log of any set of spans: one trace's, or several traces' (each entry says which). */
export function messageLogOf(spans: readonly SpanRecord[]): MessageLog {
  const traceStart = new Map<string, number>();
  for (const span of spans) traceStart.set(span.traceId, Math.min(traceStart.get(span.traceId) ?? Infinity, span.startTimeMs));
  const place = (span: SpanRecord, timeMs: number): LogPlace => ({ traceId: span.traceId, spanId: span.spanId, spanName: span.name, timeMs, offsetMs: timeMs - (traceStart.get(span.traceId) ?? timeMs) });

  const messages: LoggedMessage[] = [];
  const writes: LoggedWrite[] = [];
  const events: LoggedEvent[] = [];
  const acts: LoggedAct[] = [];
  const watchCalls: Array<{ traceId: string; key: string; version: number; call: WatcherCall }> = [];
  const handled: Array<{ traceId: string; id: string; result: HandlerResult }> = [];

  for (const span of spans) {
    for (const event of span.events) {
      const attributes = event.attributes;
      if (event.name === MessagingEvent.message) {
        const content = text(attributes[MessageAttribute.content]);
        messages.push({
          ...place(span, event.timeMs),
          id: text(attributes[MessageAttribute.id]) ?? '',
          sender: text(attributes[MessageAttribute.sender]) ?? '',
          recipient: text(attributes[MessageAttribute.recipient]) ?? '',
          metadata: metadataOf(attributes[MessageAttribute.metadata]),
          contentLength: number(attributes[MessageAttribute.contentLength]) ?? 0,
          ...(content === undefined ? {} : { content }),
          ...causeOf(attributes[MessageAttribute.cause]),
        });
      } else if (event.name === MessagingEvent.blackboardWrite) {
        const value = text(attributes[BlackboardAttribute.value]);
        writes.push({
          ...place(span, event.timeMs),
          key: text(attributes[BlackboardAttribute.key]) ?? '',
          version: number(attributes[BlackboardAttribute.version]) ?? 0,
          author: text(attributes[BlackboardAttribute.author]) ?? '',
          metadata: metadataOf(attributes[BlackboardAttribute.metadata]),
          valueLength: number(attributes[BlackboardAttribute.valueLength]) ?? 0,
          ...(value === undefined ? {} : { value }),
          ...causeOf(attributes[BlackboardAttribute.cause]),
          watchers: [],
          acts: [],
        });
      } else if (event.name === MessagingEvent.blackboardWatch) {
        const error = text(attributes[BlackboardAttribute.error]);
        watchCalls.push({
          traceId: span.traceId,
          key: text(attributes[BlackboardAttribute.key]) ?? '',
          version: number(attributes[BlackboardAttribute.version]) ?? 0,
          call: {
            watcher: text(attributes[BlackboardAttribute.watcher]) ?? '',
            prefix: text(attributes[BlackboardAttribute.watcherPrefix]) ?? '',
            outcome: text(attributes[BlackboardAttribute.outcome]) ?? 'ok',
            ...(error === undefined ? {} : { error }),
          },
        });
      } else if (event.name === MessagingEvent.eventPublish) {
        const data = text(attributes[EventBusAttribute.data]);
        events.push({
          ...place(span, event.timeMs),
          id: text(attributes[EventBusAttribute.id]) ?? '',
          type: text(attributes[EventBusAttribute.type]) ?? '',
          sender: text(attributes[EventBusAttribute.sender]) ?? '',
          dataLength: number(attributes[EventBusAttribute.dataLength]) ?? 0,
          ...(data === undefined ? {} : { data }),
          ...causeOf(attributes[EventBusAttribute.cause]),
          handlerCount: number(attributes[EventBusAttribute.handlerCount]) ?? 0,
          outcomes: [],
        });
      } else if (event.name === MessagingEvent.eventHandled) {
        const error = text(attributes[EventBusAttribute.error]);
        handled.push({
          traceId: span.traceId,
          id: text(attributes[EventBusAttribute.id]) ?? '',
          result: { handler: text(attributes[EventBusAttribute.handler]) ?? '', outcome: text(attributes[EventBusAttribute.outcome]) ?? 'ok', ...(error === undefined ? {} : { error }) },
        });
      }
    }
    const triggerKey = text(span.attributes[BlackboardAttribute.triggerKey]);
    const triggerVersion = number(span.attributes[BlackboardAttribute.triggerVersion]);
    if (triggerKey !== undefined && triggerVersion !== undefined) {
      const author = text(span.attributes[BlackboardAttribute.triggerAuthor]);
      const watcher = text(span.attributes[BlackboardAttribute.triggerWatcher]);
      acts.push({
        traceId: span.traceId,
        spanId: span.spanId,
        spanName: span.name,
        agent: text(span.attributes[GenAiAttribute.agentName]) ?? span.name,
        ...(watcher === undefined ? {} : { watcher }),
        startOffsetMs: span.startTimeMs - (traceStart.get(span.traceId) ?? span.startTimeMs),
        trigger: { key: triggerKey, version: triggerVersion, ...(author === undefined ? {} : { author }) },
        because: [],
      });
    }
  }

  const byTime = <Entry extends { timeMs: number }>(entries: Entry[]) => entries.sort((left, right) => left.timeMs - right.timeMs);
  byTime(messages);
  byTime(writes);
  byTime(events);
  acts.sort((left, right) => left.startOffsetMs - right.startOffsetMs);

  const writeIndex = new Map(writes.map((write) => [writeKey(write.traceId, write.key, write.version), write]));
  for (const { traceId, key, version, call } of watchCalls) writeIndex.get(writeKey(traceId, key, version))?.watchers.push(call);
  const eventIndex = new Map(events.map((event) => [`${event.traceId} ${event.id}`, event]));
  for (const { traceId, id, result } of handled) eventIndex.get(`${traceId} ${id}`)?.outcomes.push(result);
  const messageIndex = new Map(messages.map((message) => [`${message.traceId} ${message.id}`, message]));

  for (const act of acts) {
    const { trigger, because, traceId, spanId, spanName, agent, startOffsetMs } = act;
    writeIndex.get(writeKey(traceId, trigger.key, trigger.version))?.acts.push({ traceId, spanId, spanName, agent, startOffsetMs, ...(act.watcher === undefined ? {} : { watcher: act.watcher }) });
    let next: MessagingCause | undefined = { kind: 'write', key: trigger.key, version: trigger.version };
    const seen = new Set<string>();
    while (next) {
      const label = next.kind === 'write' ? `${next.key}@${next.version}` : next.id;
      if (seen.has(label)) break;
      seen.add(label);
      if (next.kind === 'write') {
        const write = writeIndex.get(writeKey(traceId, next.key, next.version));
        because.push({ kind: 'write', text: write ? `${label} by ${write.author}` : label, found: write !== undefined });
        next = write?.cause;
      } else if (next.kind === 'message') {
        const message = messageIndex.get(`${traceId} ${next.id}`);
        because.push({ kind: 'message', text: message ? `${label} ${message.sender} → ${message.recipient}` : label, found: message !== undefined });
        next = message?.cause;
      } else {
        const event = eventIndex.get(`${traceId} ${next.id}`);
        because.push({ kind: 'event', text: event ? `${label} ${event.type} from ${event.sender}` : label, found: event !== undefined });
        next = event?.cause;
      }
    }
  }

  return { traceIds: [...traceStart.keys()], messages, writes, events, acts, tracesLeftOut: 0 };
}

/** The message log of a run: its traces' spans read one trace at a time, at most `limit` traces. */
export function messageLogOfTraces(traceIds: readonly string[], spansOf: (traceId: string) => readonly SpanRecord[], limit = messageLogTraceLimit): MessageLog {
  const unique = [...new Set(traceIds)];
  const read = unique.slice(0, Math.max(0, limit));
  const log = messageLogOf(read.flatMap((traceId) => spansOf(traceId)));
  return { ...log, tracesLeftOut: unique.length - read.length };
}

/** True when the spans hold no message, write, event or act: the partial then renders nothing. */
export function isMessageLogEmpty(log: MessageLog): boolean {
  return log.messages.length === 0 && log.writes.length === 0 && log.events.length === 0 && log.acts.length === 0;
}
