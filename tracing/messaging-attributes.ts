// The span events and attributes agents/messaging writes (direct messages, blackboard writes,
// watcher calls, the event bus) and reports/message-log.ts reads back, named in one place. Content
// (message text, blackboard values, event data) is only ever recorded when content capture is on;
// everything else here is identifiers, lengths and outcomes.

/** Span event names: one event per message, write, watcher call, published event and handler outcome. */
export const MessagingEvent = {
  message: 'agentlab.message',
  blackboardWrite: 'agentlab.blackboard.write',
  blackboardWatch: 'agentlab.blackboard.watch',
  eventPublish: 'agentlab.event.publish',
  eventHandled: 'agentlab.event.handled',
} as const;

export const MessageAttribute = {
  id: 'agentlab.message.id',
  sender: 'agentlab.message.sender',
  recipient: 'agentlab.message.recipient',
  /** JSON object of small identifiers (labels, rounds, scores, ids), always recorded. */
  metadata: 'agentlab.message.metadata',
  contentLength: 'agentlab.message.content_length',
  /** Only with content capture. */
  content: 'agentlab.message.content',
  /** What caused it, as written by formatCause: `message:message-2`, `write:draft@1`, `event:event-1`. */
  cause: 'agentlab.message.cause',
} as const;

export const BlackboardAttribute = {
  key: 'agentlab.blackboard.key',
  version: 'agentlab.blackboard.version',
  author: 'agentlab.blackboard.author',
  metadata: 'agentlab.blackboard.metadata',
  valueLength: 'agentlab.blackboard.value_length',
  /** The value as JSON, only with content capture. */
  value: 'agentlab.blackboard.value',
  cause: 'agentlab.blackboard.cause',
  /** On a watch event: the watcher's name and the prefix it watches. */
  watcher: 'agentlab.blackboard.watcher',
  watcherPrefix: 'agentlab.blackboard.watcher.prefix',
  /** On a watch event: `ok` or `error`. */
  outcome: 'agentlab.blackboard.outcome',
  error: 'agentlab.blackboard.error',
  /** On the span of work a write set off: the write (key and version) and its author. */
  triggerKey: 'agentlab.blackboard.trigger.key',
  triggerVersion: 'agentlab.blackboard.trigger.version',
  triggerAuthor: 'agentlab.blackboard.trigger.author',
  triggerWatcher: 'agentlab.blackboard.trigger.watcher',
} as const;

export const EventBusAttribute = {
  id: 'agentlab.event.id',
  type: 'agentlab.event.type',
  sender: 'agentlab.event.sender',
  dataLength: 'agentlab.event.data_length',
  /** The data as JSON, only with content capture. */
  data: 'agentlab.event.data',
  cause: 'agentlab.event.cause',
  handlerCount: 'agentlab.event.handler_count',
  handler: 'agentlab.event.handler',
  /** On a handled event and a handler's span: `ok` or `error`. */
  outcome: 'agentlab.event.outcome',
  error: 'agentlab.event.error',
} as const;

/** The operation of a handler's child span: `handle_event {type}`. */
export const handleEventOperation = 'handle_event';

/** What made a message, write or event happen. */
export type MessagingCause =
  | { kind: 'message'; id: string }
  | { kind: 'write'; key: string; version: number }
  | { kind: 'event'; id: string };

export function formatCause(cause: MessagingCause): string {
  return cause.kind === 'write' ? `write:${cause.key}@${cause.version}` : `${cause.kind}:${cause.id}`;
}

/** The cause formatCause wrote, or undefined for text it did not write. */
export function parseCause(text: string): MessagingCause | undefined {
  const separator = text.indexOf(':');
  const kind = text.slice(0, separator);
  const reference = text.slice(separator + 1);
  if (separator <= 0 || reference === '') return undefined;
  if (kind === 'message' || kind === 'event') return { kind, id: reference };
  if (kind !== 'write') return undefined;
  const at = reference.lastIndexOf('@');
  const version = Number(reference.slice(at + 1));
  if (at <= 0 || !Number.isInteger(version) || version < 1) return undefined;
  return { kind, key: reference.slice(0, at), version };
}
