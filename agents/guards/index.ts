// Public surface of the guards that protect agents from their tools and from themselves.
export { sanitizeToolOutput } from './sanitize-tool-output.js';
export type { SanitizeToolOutputOptions } from './sanitize-tool-output.js';
export { htmlToPlainText, htmlTitle, looksLikeHtml } from './html-to-plain-text.js';
export type { HtmlToPlainTextOptions } from './html-to-plain-text.js';
export { truncateWithMarker, truncationMarker } from './truncate-with-marker.js';
export { DEFAULT_TOOL_OUTPUT_MAX_LENGTH } from './constants.js';
