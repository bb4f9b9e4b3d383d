// A blackboard: shared keys whose every write bumps the key's version and is kept in a history with
// its author, time and cause; watchers by key prefix are called for each write under their prefix.
// Writes, watcher calls and the work a write sets off (citeTrigger) are recorded on the trace, so
// "why did this agent act" reads back through the state: act ← write ← its cause ← …
import type { SpanContext } from '@opentelemetry/api';
import { BlackboardAttribute, formatCause, MessagingEvent, type MessagingCause } from '../../tracing/index.js';
import { blackboardKeyPattern } from './constants.js';
import { MessagingError } from './errors.js';
import type { MessagingMetadata, MessagingOptions } from './messaging-options.js';
import { metadataAttribute, SpanRecorder } from './span-recorder.js';

export interface BlackboardEntry<Value = unknown> {
  key: string;
  /** 1 for a key's first write, then one more per write. */
  version: number;
  /** A copy taken at the write: later changes to the caller's object do not rewrite history. */
  value: Value;
  author: string;
  /** Milliseconds since the epoch, from the run's clock. */
  time: number;
  /** The write, message or event that led to this write. */
  cause?: MessagingCause;
  metadata?: MessagingMetadata;
}

export interface WriteOptions {
  author: string;
  cause?: MessagingCause;
  /** Small identifiers (a verdict, a score) recorded on the trace whatever the capture setting. */
  metadata?: MessagingMetadata;
}

/**
 * Called synchronously, in the order watchers were added, for every write under the prefix. A
 * watcher should note the write (queue the work it calls for) rather than do long work itself, so
 * that writes never interleave.
 */
export type BlackboardWatcher = (entry: BlackboardEntry) => void;

interface Watch {
  prefix: string;
  name: string;
  watcher: BlackboardWatcher;
}

const writeId = (key: string, version: number) => `${key}@${version}`;

function serialise(key: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new MessagingError('AGENTLAB_BLACKBOARD_VALUE_INVALID', `the value written to "${key}" cannot be serialised as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (text === undefined) throw new MessagingError('AGENTLAB_BLACKBOARD_VALUE_INVALID', `the value written to "${key}" is ${typeof value}, which JSON cannot hold`);
  return text;
}

export class Blackboard {
  private readonly recorder: SpanRecorder;
  private readonly writes: BlackboardEntry[] = [];
  private readonly latest = new Map<string, BlackboardEntry>();
  private readonly watches: Watch[] = [];
  /** Where each write was recorded, so the work it sets off can link to it. */
  private readonly recordedIn = new Map<string, SpanContext>();

  constructor(options: MessagingOptions = {}) {
    this.recorder = new SpanRecorder(options);
  }

  /** Writes `value` under `key` as its next version, records it, then calls the watchers of the key. */
  write<Value>(key: string, value: Value, options: WriteOptions): BlackboardEntry<Value> {
    if (typeof key !== 'string' || !blackboardKeyPattern.test(key)) {
      throw new MessagingError('AGENTLAB_BLACKBOARD_KEY_INVALID', `blackboard key ${JSON.stringify(key)} is not valid: use letters, digits and _ . : - in parts joined by /, such as "research/findings"`);
    }
    if (typeof options.author !== 'string' || options.author.trim() === '') {
      throw new MessagingError('AGENTLAB_BLACKBOARD_VALUE_INVALID', `the write to "${key}" has no author`);
    }
    const text = serialise(key, value);
    const entry: BlackboardEntry<Value> = Object.freeze({
      key,
      version: (this.latest.get(key)?.version ?? 0) + 1,
      value: JSON.parse(text) as Value,
      author: options.author,
      time: this.recorder.now(),
      ...(options.cause ? { cause: options.cause } : {}),
      ...(options.metadata ? { metadata: Object.freeze({ ...options.metadata }) } : {}),
    });
    this.writes.push(entry);
    this.latest.set(key, entry);
    const spanContext = this.recorder.event(
      MessagingEvent.blackboardWrite,
      {
        [BlackboardAttribute.key]: key,
        [BlackboardAttribute.version]: entry.version,
        [BlackboardAttribute.author]: entry.author,
        [BlackboardAttribute.valueLength]: text.length,
        ...metadataAttribute(BlackboardAttribute.metadata, entry.metadata),
        ...(entry.cause ? { [BlackboardAttribute.cause]: formatCause(entry.cause) } : {}),
      },
      entry.time,
      { attribute: BlackboardAttribute.value, text },
    );
    if (spanContext) this.recordedIn.set(writeId(key, entry.version), spanContext);
    this.notify(entry);
    return entry;
  }

  private notify(entry: BlackboardEntry): void {
    const failures: Array<{ name: string; error: unknown }> = [];
    for (const watch of this.watches.filter((candidate) => entry.key.startsWith(candidate.prefix))) {
      let failure: unknown;
      try {
        watch.watcher(entry);
      } catch (error) {
        failure = error;
        failures.push({ name: watch.name, error });
      }
      this.recorder.event(
        MessagingEvent.blackboardWatch,
        {
          [BlackboardAttribute.key]: entry.key,
          [BlackboardAttribute.version]: entry.version,
          [BlackboardAttribute.watcher]: watch.name,
          [BlackboardAttribute.watcherPrefix]: watch.prefix,
          [BlackboardAttribute.outcome]: failure === undefined ? 'ok' : 'error',
          ...(failure === undefined ? {} : { [BlackboardAttribute.error]: failure instanceof Error ? failure.message : String(failure) }),
        },
        this.recorder.now(),
      );
    }
    if (failures.length > 0) {
      const names = failures.map((failure) => failure.name).join(', ');
      throw new MessagingError('AGENTLAB_BLACKBOARD_WATCHER_FAILED', `${failures.length === 1 ? 'watcher' : 'watchers'} ${names} failed on the write to ${writeId(entry.key, entry.version)} (the write itself was kept)`, {
        cause: failures.length === 1 ? failures[0]!.error : new AggregateError(failures.map((failure) => failure.error)),
      });
    }
  }

  /**
   * Calls `watcher` for every later write whose key starts with `prefix` ("research/" watches a
   * folder; "" watches everything). Returns a function that stops watching.
   */
  watch(prefix: string, name: string, watcher: BlackboardWatcher): () => void {
    if (typeof prefix !== 'string') throw new MessagingError('AGENTLAB_BLACKBOARD_KEY_INVALID', `a watcher's prefix must be text, not ${typeof prefix}`);
    if (typeof name !== 'string' || name.trim() === '') throw new MessagingError('AGENTLAB_BLACKBOARD_KEY_INVALID', `the watcher of "${prefix}" needs a name`);
    const watch = { prefix, name, watcher };
    this.watches.push(watch);
    return () => {
      const index = this.watches.indexOf(watch);
      if (index >= 0) this.watches.splice(index, 1);
    };
  }

  /** The latest version of `key`, or the given version of it. */
  read<Value = unknown>(key: string, version?: number): BlackboardEntry<Value> | undefined {
    const entry = version === undefined ? this.latest.get(key) : this.writes.find((write) => write.key === key && write.version === version);
    return entry as BlackboardEntry<Value> | undefined;
  }

  /** The latest version of every key under `prefix`, in the order the keys were first written. */
  entries(prefix = ''): BlackboardEntry[] {
    return [...this.latest.values()].filter((entry) => entry.key.startsWith(prefix));
  }

  /** Every write under `prefix`, oldest first. */
  history(prefix = ''): readonly BlackboardEntry[] {
    return this.writes.filter((entry) => entry.key.startsWith(prefix));
  }

  /**
   * Marks the span now active as the work `entry` set off in `watcher`: the write's key, version and
   * author as attributes, and a link to the span the write was recorded on.
   */
  citeTrigger(entry: BlackboardEntry, watcher: string): void {
    const recordedIn = this.recordedIn.get(writeId(entry.key, entry.version));
    this.recorder.cite(
      {
        [BlackboardAttribute.triggerKey]: entry.key,
        [BlackboardAttribute.triggerVersion]: entry.version,
        [BlackboardAttribute.triggerAuthor]: entry.author,
        [BlackboardAttribute.triggerWatcher]: watcher,
      },
      recordedIn ? { context: recordedIn, attributes: { [BlackboardAttribute.key]: entry.key, [BlackboardAttribute.version]: entry.version } } : undefined,
    );
  }
}
