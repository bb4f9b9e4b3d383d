// Where in a request a decoder is, for error messages only. A path string built for every span and
// attribute would cost more than much of the decoding, so the walkers keep a stack of field names
// and indexes instead, and it becomes text (`resourceSpans[0].scopeSpans[1].spans[12].attributes[3].value`)
// only when a field turns out to be malformed.

/** A field name, or an index into a repeated field. */
export type PathKey = string | number;

/**
 * The walker's current location. `enter` and `leave` pair up around a descent into a field or an
 * item; a decoder that throws leaves the stack where the bad field is, and the path is not used again.
 */
export class PayloadPath {
  private readonly keys: PathKey[] = [];
  private depth = 0;

  enter(key: PathKey): void {
    this.keys[this.depth++] = key;
  }

  leave(): void {
    this.depth--;
  }

  /** The current location as text, or that of a field or item below it (`keys` in order). */
  format(...keys: PathKey[]): string {
    let text = '';
    for (let index = 0; index < this.depth; index++) text = appendKey(text, this.keys[index]!);
    for (const key of keys) text = appendKey(text, key);
    return text;
  }
}

function appendKey(text: string, key: PathKey): string {
  if (typeof key === 'number') return `${text}[${key}]`;
  return text === '' ? key : `${text}.${key}`;
}
