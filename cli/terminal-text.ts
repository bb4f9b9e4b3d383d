// Makes untrusted text (model answers, tool arguments and results) safe to print on a terminal:
// escape sequences could recolour, retitle or rewrite the screen, so they are removed.
import { stripVTControlCharacters } from 'node:util';

/** Control characters (C0, DEL, C1) and the invisible marks that reorder text on screen. */
const unsafeCharacters = /[\p{Cc}\p{Bidi_Control}]/gu;
const unsafeExceptLineBreaks = /(?![\n\t])[\p{Cc}\p{Bidi_Control}]/gu;

/** Multi-line text with escape sequences and control characters removed; line breaks and tabs stay. */
export function toTerminalText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, '\n').replace(unsafeExceptLineBreaks, '');
}

/** One line: escape sequences removed, control characters and runs of white space made one space, cut at `maxLength` with an ellipsis. */
export function toTerminalLine(text: string, maxLength: number): string {
  const line = stripVTControlCharacters(text).replace(unsafeCharacters, ' ').replace(/\s+/g, ' ').trim();
  // Cut by code point so that no surrogate pair is split.
  const characters = Array.from(line);
  return characters.length <= maxLength ? line : `${characters.slice(0, maxLength - 1).join('')}…`;
}
