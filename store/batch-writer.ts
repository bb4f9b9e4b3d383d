// Buffers items and hands them to a writer in batches: when `size` are waiting, `delayMs` after the
// first one arrived, or on flush(). A failed batch stays buffered and is retried, never dropped.
// A timer flush has no caller to throw to, so after one fails the next add writes at once, and
// throws if the write still fails.

export interface BatchWriterOptions<Item> {
  size: number;
  delayMs: number;
  /** Writes every item or none (throws). */
  write: (items: Item[]) => void;
}

export class BatchWriter<Item> {
  private pending: Item[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerFailed = false;

  constructor(private readonly options: BatchWriterOptions<Item>) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  add(item: Item): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.size || this.timerFailed) this.flush();
    // Not unref'd: the process waits for the last batch rather than exiting with it unwritten.
    else this.timer ??= setTimeout(() => this.flushFromTimer(), this.options.delayMs);
  }

  flush(): void {
    this.cancelTimer();
    if (this.pending.length === 0) {
      this.timerFailed = false;
      return;
    }
    const batch = this.pending;
    this.pending = [];
    try {
      this.options.write(batch);
      this.timerFailed = false;
    } catch (error) {
      this.pending = batch.concat(this.pending);
      throw error;
    }
  }

  /** Stops the timer without writing; what is pending stays pending. */
  cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushFromTimer(): void {
    this.timer = undefined;
    try {
      this.flush();
    } catch {
      this.timerFailed = true;
    }
  }
}
