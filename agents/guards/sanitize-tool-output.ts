// Makes tool output fit for a model: HTML reduced to text, length capped with a visible marker.
import { DEFAULT_TOOL_OUTPUT_MAX_LENGTH } from './constants.js';
import { htmlToPlainText, looksLikeHtml } from './html-to-plain-text.js';
import { truncateWithMarker } from './truncate-with-marker.js';

export interface SanitizeToolOutputOptions {
  /** Longest result in characters, marker included. Defaults to DEFAULT_TOOL_OUTPUT_MAX_LENGTH. */
  maxLength?: number;
}

export function sanitizeToolOutput(text: string, options: SanitizeToolOutputOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_TOOL_OUTPUT_MAX_LENGTH;
  const readable = looksLikeHtml(text) ? htmlToPlainText(text) : text;
  return truncateWithMarker(readable, maxLength);
}
