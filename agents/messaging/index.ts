// Public surface of messaging: direct messages, the blackboard and the event bus the multi-agent
// patterns coordinate through, each recorded on the trace.
export { Mailbox } from './mailbox.js';
export type { DirectMessage, MessageDraft } from './mailbox.js';
export { Blackboard } from './blackboard.js';
export type { BlackboardEntry, BlackboardWatcher, WriteOptions } from './blackboard.js';
export { EventBus } from './event-bus.js';
export type { AuditRecord, BusEvent, EventHandler, HandlerOutcome, PublishOptions } from './event-bus.js';
export type { MessagingMetadata, MessagingOptions } from './messaging-options.js';
export { MessagingError } from './errors.js';
export type { MessagingErrorCode } from './errors.js';
export type { MessagingCause } from '../../tracing/index.js';
