// Direct messages between the agents of one run: who sent what to whom, when, and why. The
// supervisor and the pipeline hand work over through a mailbox, and every message is a span event
// on the span active when it was sent (content only with capture on).
import { formatCause, MessageAttribute, MessagingEvent, type MessagingCause } from '../../tracing/index.js';
import { messageIdPrefix } from './constants.js';
import { MessagingError } from './errors.js';
import type { MessagingMetadata, MessagingOptions } from './messaging-options.js';
import { metadataAttribute, SpanRecorder } from './span-recorder.js';

export interface DirectMessage {
  /** `message-1`, `message-2`…: unique within the mailbox, and so within the run's trace. */
  id: string;
  sender: string;
  recipient: string;
  content: string;
  metadata: MessagingMetadata;
  /** Milliseconds since the epoch, from the run's clock. */
  time: number;
  /** The message, write or event this one answers. */
  cause?: MessagingCause;
}

export interface MessageDraft {
  sender: string;
  recipient: string;
  content: string;
  metadata?: MessagingMetadata;
  cause?: MessagingCause;
}

function requireName(role: 'sender' | 'recipient', value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MessagingError('AGENTLAB_MESSAGE_INVALID', `a direct message needs a ${role}: got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

export class Mailbox {
  private readonly recorder: SpanRecorder;
  private readonly messages: DirectMessage[] = [];
  private readonly byId = new Map<string, DirectMessage>();

  constructor(options: MessagingOptions = {}) {
    this.recorder = new SpanRecorder(options);
  }

  send(draft: MessageDraft): DirectMessage {
    const sender = requireName('sender', draft.sender);
    const recipient = requireName('recipient', draft.recipient);
    if (typeof draft.content !== 'string') {
      throw new MessagingError('AGENTLAB_MESSAGE_INVALID', `the message from ${sender} to ${recipient} has content of type ${typeof draft.content}, not text`);
    }
    const message: DirectMessage = {
      id: `${messageIdPrefix}${this.messages.length + 1}`,
      sender,
      recipient,
      content: draft.content,
      metadata: Object.freeze({ ...draft.metadata }),
      time: this.recorder.now(),
      ...(draft.cause ? { cause: draft.cause } : {}),
    };
    Object.freeze(message);
    this.messages.push(message);
    this.byId.set(message.id, message);
    this.recorder.event(
      MessagingEvent.message,
      {
        [MessageAttribute.id]: message.id,
        [MessageAttribute.sender]: sender,
        [MessageAttribute.recipient]: recipient,
        [MessageAttribute.contentLength]: message.content.length,
        ...metadataAttribute(MessageAttribute.metadata, message.metadata),
        ...(message.cause ? { [MessageAttribute.cause]: formatCause(message.cause) } : {}),
      },
      message.time,
      { attribute: MessageAttribute.content, text: message.content },
    );
    return message;
  }

  /** The messages sent to `recipient`, oldest first. */
  inbox(recipient: string): DirectMessage[] {
    return this.messages.filter((message) => message.recipient === recipient);
  }

  /** The message with this id; an id this mailbox never gave out is a mistake in the caller. */
  message(id: string): DirectMessage {
    const message = this.byId.get(id);
    if (!message) throw new MessagingError('AGENTLAB_MESSAGE_UNKNOWN', `no message "${id}" was sent through this mailbox`);
    return message;
  }

  /** Every message, in the order sent. */
  log(): readonly DirectMessage[] {
    return this.messages;
  }
}
