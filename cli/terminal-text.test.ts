import { describe, expect, it } from 'vitest';
import { toTerminalLine, toTerminalText } from './terminal-text.js';

const hostile = 'ok\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x1b[0m\rover\u202Eevil\x00\x9b';

describe('toTerminalText', () => {
  it('escapes escape sequences, control characters and bidi marks, keeping lines and tabs', () => {
    expect(toTerminalText(hostile)).toBe('ok\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31mred\\x1b[0m\nover\\u202eevil\\x00\\x9b');
    expect(toTerminalText('a\tb\r\nc\n')).toBe('a\tb\nc\n');
  });
});

describe('toTerminalLine', () => {
  it('makes one line with every control character escaped', () => {
    expect(toTerminalLine(hostile, 100)).toBe('ok\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31mred\\x1b[0m over\\u202eevil\\x00\\x9b');
    expect(toTerminalLine('  one\n\n two\tthree  ', 100)).toBe('one two three');
  });

  it('cuts long text with an ellipsis, never inside a character', () => {
    expect(toTerminalLine('abcdef', 6)).toBe('abcdef');
    expect(toTerminalLine('abcdefg', 6)).toBe('abcde…');
    expect(toTerminalLine('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
