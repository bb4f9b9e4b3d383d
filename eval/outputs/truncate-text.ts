// Cuts untrusted text (model output, reasons that quote it) to a length an output can carry.

/** `text` cut to `maxLength` characters with an ellipsis and the count left out. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength)}… [${text.length - maxLength} more characters]`;
}
