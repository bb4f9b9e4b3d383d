// An event bus: publish by event type, subscribers by type, and an audit trail of every event with
// each handler's outcome. The handlers of one event run concurrently, each in its own child span;
// one that fails does not stop the others, and its error is recorded, not thrown at the publisher.
import { EventBusAttribute, formatCause, genAiSpanName, handleEventOperation, MessagingEvent, type MessagingCause } from '../../tracing/index.js';
import { eventIdPrefix } from './constants.js';
import { MessagingError } from './errors.js';
import type { MessagingOptions } from './messaging-options.js';
import { SpanRecorder } from './span-recorder.js';

export interface BusEvent<Data = unknown> {
  /** `event-1`, `event-2`…: unique within the bus, and so within the run's trace. */
  id: string;
  type: string;
  data: Data;
  sender: string;
  /** Milliseconds since the epoch, from the run's clock. */
  time: number;
  cause?: MessagingCause;
}

export type EventHandler<Data = unknown> = (event: BusEvent<Data>) => void | Promise<void>;

export interface HandlerOutcome {
  handler: string;
  outcome: 'ok' | 'error';
  /** The error's name and message when the handler threw. */
  error?: { type: string; message: string };
}

/** One line of the audit trail: the event and what each of its handlers made of it. */
export interface AuditRecord<Data = unknown> extends BusEvent<Data> {
  outcomes: HandlerOutcome[];
}

export interface PublishOptions<Data> {
  type: string;
  data: Data;
  sender: string;
  cause?: MessagingCause;
}

interface Subscription {
  type: string;
  name: string;
  handler: EventHandler<never>;
}

export class EventBus {
  private readonly recorder: SpanRecorder;
  private readonly subscriptions: Subscription[] = [];
  private readonly records: AuditRecord[] = [];
  private published = 0;

  constructor(options: MessagingOptions = {}) {
    this.recorder = new SpanRecorder(options);
  }

  /** Calls `handler` for every later event of `type`. Returns a function that unsubscribes. */
  subscribe<Data = unknown>(type: string, name: string, handler: EventHandler<Data>): () => void {
    if (typeof type !== 'string' || type.trim() === '') throw new MessagingError('AGENTLAB_EVENT_INVALID', `a subscription needs an event type: got ${JSON.stringify(type) ?? String(type)}`);
    if (typeof name !== 'string' || name.trim() === '') throw new MessagingError('AGENTLAB_EVENT_INVALID', `the handler of "${type}" needs a name`);
    const subscription: Subscription = { type, name, handler: handler as EventHandler<never> };
    this.subscriptions.push(subscription);
    return () => {
      const index = this.subscriptions.indexOf(subscription);
      if (index >= 0) this.subscriptions.splice(index, 1);
    };
  }

  /** Publishes the event, runs its handlers concurrently and resolves, once all have settled, with its audit record. */
  async publish<Data>(options: PublishOptions<Data>): Promise<AuditRecord<Data>> {
    if (typeof options.type !== 'string' || options.type.trim() === '') throw new MessagingError('AGENTLAB_EVENT_INVALID', `an event needs a type: got ${JSON.stringify(options.type) ?? String(options.type)}`);
    if (typeof options.sender !== 'string' || options.sender.trim() === '') throw new MessagingError('AGENTLAB_EVENT_INVALID', `the "${options.type}" event needs a sender`);
    let text: string | undefined;
    try {
      text = JSON.stringify(options.data);
    } catch (error) {
      throw new MessagingError('AGENTLAB_EVENT_INVALID', `the data of the "${options.type}" event cannot be serialised as JSON`, { cause: error });
    }
    const event: BusEvent<Data> = Object.freeze({
      id: `${eventIdPrefix}${++this.published}`,
      type: options.type,
      data: options.data,
      sender: options.sender,
      time: this.recorder.now(),
      ...(options.cause ? { cause: options.cause } : {}),
    });
    const handlers = this.subscriptions.filter((subscription) => subscription.type === event.type);
    const identity = { [EventBusAttribute.id]: event.id, [EventBusAttribute.type]: event.type };
    this.recorder.event(
      MessagingEvent.eventPublish,
      {
        ...identity,
        [EventBusAttribute.sender]: event.sender,
        [EventBusAttribute.dataLength]: text?.length ?? 0,
        [EventBusAttribute.handlerCount]: handlers.length,
        ...(event.cause ? { [EventBusAttribute.cause]: formatCause(event.cause) } : {}),
      },
      event.time,
      text === undefined ? undefined : { attribute: EventBusAttribute.data, text },
    );
    // Every handler is started before any is awaited; a synchronous throw becomes that handler's rejection.
    const settled = await Promise.allSettled(
      handlers.map((subscription) =>
        this.recorder.inChildSpan(genAiSpanName(handleEventOperation, event.type), { ...identity, [EventBusAttribute.handler]: subscription.name }, async () =>
          (subscription.handler as EventHandler<Data>)(event),
        ),
      ),
    );
    const outcomes = settled.map((result, index): HandlerOutcome => {
      const handler = handlers[index]!.name;
      if (result.status === 'fulfilled') return { handler, outcome: 'ok' };
      const reason: unknown = result.reason;
      return { handler, outcome: 'error', error: { type: reason instanceof Error ? reason.name : 'error', message: reason instanceof Error ? reason.message : String(reason) } };
    });
    for (const outcome of outcomes) {
      this.recorder.event(
        MessagingEvent.eventHandled,
        {
          ...identity,
          [EventBusAttribute.handler]: outcome.handler,
          [EventBusAttribute.outcome]: outcome.outcome,
          ...(outcome.error ? { [EventBusAttribute.error]: `${outcome.error.type}: ${outcome.error.message}` } : {}),
        },
        this.recorder.now(),
      );
    }
    const record: AuditRecord<Data> = Object.freeze({ ...event, outcomes });
    this.records.push(record);
    return record;
  }

  /** Every published event with its handlers' outcomes, in the order published. */
  trail(): readonly AuditRecord[] {
    return this.records;
  }
}
