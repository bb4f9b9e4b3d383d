// Caps text at a length and says how much was cut, so a model knows it saw only part of it.

/** The marker appended to truncated text; the model sees exactly how many characters it missed. */
export function truncationMarker(removedCharacters: number): string {
  return `\n[... truncated ${removedCharacters} characters]`;
}

/**
 * Returns the text unchanged when it fits in `maxLength` characters; otherwise keeps its start and
 * appends a marker, the whole staying within `maxLength`.
 */
export function truncateWithMarker(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // The removed count never exceeds text.length, so a marker sized for it is never too short.
  const kept = maxLength - truncationMarker(text.length).length;
  if (kept <= 0) return text.slice(0, maxLength);
  return text.slice(0, kept) + truncationMarker(text.length - kept);
}
