// Deterministic randomness: every draw is a pure function of the request seed and a label,
// so a run reproduces exactly and a given fault lands at the same step every time.

/** FNV-1a over UTF-16 code units, 32-bit. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A number in [0, 1) drawn from the seed and the labels; the same inputs always give the same number. */
export function draw(seed: number, ...labels: Array<string | number>): number {
  let state = hashText(`${seed}|${labels.join('|')}`);
  // One round of the mulberry32 finaliser spreads the bits of nearby inputs.
  state = (state + 0x6d2b79f5) >>> 0;
  let mixed = Math.imul(state ^ (state >>> 15), state | 1);
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
}

/** A short deterministic identifier such as `chatcmpl-3f9a...`. */
export function deterministicId(prefix: string, ...parts: Array<string | number>): string {
  const text = parts.join('|');
  const first = hashText(text).toString(36);
  const second = hashText(`${text}#`).toString(36);
  return `${prefix}${first}${second}`.slice(0, prefix.length + 14).padEnd(prefix.length + 14, '0');
}
