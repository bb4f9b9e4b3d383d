// A token bucket on a clock passed in: `capacity` units, refilled continuously at `ratePerMs`. A take
// may leave the bucket in debt (a request bigger than the bucket is let through when the bucket is
// full, and the debt is paid back by the refill), so no request waits forever and the long-run rate
// never passes the limit. Both the client-side limiter and the simulator's enforcement use it.

/** Shortfalls smaller than this are rounding, not a wait: without it a refill could stop a hair short of a whole unit. */
const tolerance = 1e-9;

export class TokenBucket {
  #level: number;
  #updatedAt: number;

  /** Full at `now`, unless `level` says how full. */
  constructor(
    readonly capacity: number,
    public ratePerMs: number,
    now: number,
    level = capacity,
  ) {
    this.#level = Math.min(level, capacity);
    this.#updatedAt = now;
  }

  /** Units in the bucket at `now`: negative while in debt. */
  level(now: number): number {
    this.#refill(now);
    return this.#level;
  }

  /** What a take of `amount` needs in the bucket: all of it, or a full bucket when it is bigger than the bucket. */
  #needed(amount: number): number {
    return Math.min(amount, this.capacity);
  }

  /** Milliseconds from `now` until a take of `amount` is allowed; 0 when it is now. */
  waitMs(amount: number, now: number): number {
    const missing = this.#needed(amount) - this.level(now);
    if (missing <= tolerance) return 0;
    return this.ratePerMs > 0 ? missing / this.ratePerMs : Number.POSITIVE_INFINITY;
  }

  /** Takes `amount` if allowed now; returns whether it did. */
  tryTake(amount: number, now: number): boolean {
    if (this.waitMs(amount, now) > 0) return false;
    this.#level -= amount;
    return true;
  }

  /** Adds (a refund) or removes (a charge after the fact) units, never above capacity. */
  adjust(amount: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.capacity, this.#level + amount);
  }

  /** Lowers the level to at most `level` (what the server says is left). */
  capAt(level: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.#level, level);
  }

  /** Milliseconds from `now` until the bucket is full again. */
  msUntilFull(now: number): number {
    const missing = this.capacity - this.level(now);
    return missing <= tolerance ? 0 : this.ratePerMs > 0 ? missing / this.ratePerMs : Number.POSITIVE_INFINITY;
  }

  #refill(now: number): void {
    if (now > this.#updatedAt) {
      this.#level = Math.min(this.capacity, this.#level + (now - this.#updatedAt) * this.ratePerMs);
      this.#updatedAt = now;
    }
  }
}
