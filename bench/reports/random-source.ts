// A seeded random source for the synthetic store and payloads: the same seed gives the same year of
// runs, so two builds of the cached store hold the same data. Not for anything that needs real randomness.

export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [minimum, maximum]. */
  integer(minimum: number, maximum: number): number;
  pick<Item>(items: readonly Item[]): Item;
  /** `bytes` random bytes as lowercase hex: trace ids are 16 bytes, span ids 8. */
  hex(bytes: number): string;
}

/** mulberry32: small, fast and well spread for a benchmark's synthetic data. */
export function createRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (minimum, maximum) => minimum + Math.floor(next() * (maximum - minimum + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    hex(bytes) {
      let text = '';
      for (let index = 0; index < bytes; index += 4) text += Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
      return text.slice(0, bytes * 2);
    },
  };
}
