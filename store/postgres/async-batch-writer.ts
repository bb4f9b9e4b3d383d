// store/batch-writer.ts for a writer that returns a promise: items are buffered and handed over in
// batches when `size` are waiting, `delayMs` after the first one arrived, or on flush(). Writes run one
// at a time, in order. A failed batch stays buffered, ahead of what came since, and is retried, never
// dropped; after a timer's write fails the next add writes at once and rejects if it fails again.

export interface AsyncBatchWriterOptions<Item> {
  size: number;
  delayMs: number;
  /** Writes every item or none (rejects). */
  write: (items: Item[]) => Promise<void>;
}

export class AsyncBatchWriter<Item> {
  private pending: Item[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerFailed = false;
  /** The write under way, which the next one waits for. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: AsyncBatchWriterOptions<Item>) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  async add(item: Item): Promise<void> {
    this.pending.push(item);
    if (this.pending.length >= this.options.size || this.timerFailed) await this.flush();
    // Not unref'd: the process waits for the last batch rather than exiting with it unwritten.
    else this.timer ??= setTimeout(() => void this.flushFromTimer(), this.options.delayMs);
  }

  /** Writes everything buffered now, after any write under way. */
  flush(): Promise<void> {
    this.cancelTimer();
    const next = this.writing.catch(() => {}).then(() => this.writePending());
    this.writing = next;
    return next;
  }

  /** Stops the timer without writing; what is pending stays pending. */
  cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) {
      this.timerFailed = false;
      return;
    }
    const batch = this.pending;
    this.pending = [];
    try {
      await this.options.write(batch);
      this.timerFailed = false;
    } catch (error) {
      this.pending = batch.concat(this.pending);
      throw error;
    }
  }

  private async flushFromTimer(): Promise<void> {
    this.timer = undefined;
    try {
      await this.flush();
    } catch {
      this.timerFailed = true;
    }
  }
}
