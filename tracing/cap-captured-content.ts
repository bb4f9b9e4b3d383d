// Captured message content, tool arguments and results are cut to one length on every span, with a
// marker saying how much was left out, whichever part of agentlab made the span.
import { capturedContentMaxLength } from './constants.js';

export function capCapturedContent(text: string): string {
  return text.length > capturedContentMaxLength ? `${text.slice(0, capturedContentMaxLength)}[... truncated ${text.length - capturedContentMaxLength} characters]` : text;
}
