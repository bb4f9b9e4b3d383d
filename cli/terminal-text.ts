// Makes untrusted text (datasets, model answers, tool arguments and results, trace data, endpoint
// errors) safe to print on a terminal: an escape sequence could recolour, retitle or rewrite the
// screen, so every control character is shown escaped (`\x1b`, `\u202e`) instead of obeyed. What
// the text held stays readable, so a bad case id or answer can still be found.

/** Control characters (C0, DEL, C1) and the invisible marks that reorder text on screen. */
const unsafeCharacters = /[\p{Cc}\p{Bidi_Control}]/gu;
const unsafeExceptLineBreaks = /(?![\n\t])[\p{Cc}\p{Bidi_Control}]/gu;

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Multi-line text with control characters escaped; line breaks (a lone CR becomes one) and tabs stay. */
export function toTerminalText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(unsafeExceptLineBreaks, escapeCharacter);
}

/** One line: runs of white space made one space, control characters escaped, cut at `maxLength` with an ellipsis. */
export function toTerminalLine(text: string, maxLength: number): string {
  const line = text.replace(/\s+/g, ' ').trim().replace(unsafeCharacters, escapeCharacter);
  // Cut by code point so that no surrogate pair is split.
  const characters = Array.from(line);
  return characters.length <= maxLength ? line : `${characters.slice(0, maxLength - 1).join('')}…`;
}
