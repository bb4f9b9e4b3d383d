// Line numbers from byte offsets in a file, for readers that know where a record ends but not on which line it starts.
// csv-parse's own `info.lines` counts a CRLF line break twice after a blank line, so lines are counted here instead.

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export class LineLocator {
  private readonly bytes: Uint8Array;
  private offset = 0;
  private line = 1;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /**
   * The line of the first byte at or after `offset` that is not blank (space, tab or line break): where a record that
   * follows `offset` starts. Offsets must not go backwards between calls, which keeps a whole file linear.
   */
  lineOfContentFrom(offset: number): number {
    let start = Math.max(offset, this.offset);
    while (start < this.bytes.length && isBlank(this.bytes[start])) start += 1;
    for (let index = this.offset; index < start; index += 1) {
      const byte = this.bytes[index];
      // A CR counts only when alone (old Mac line ends); in CRLF the LF is the one counted.
      if (byte === LINE_FEED || (byte === CARRIAGE_RETURN && this.bytes[index + 1] !== LINE_FEED)) this.line += 1;
    }
    this.offset = start;
    return this.line;
  }
}

function isBlank(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN;
}
