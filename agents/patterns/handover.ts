// Results handed from one stage or worker to the next, capped so contexts stay small.
import { handoverMaxLength } from '../constants.js';

export function handover(label: string, text: string): string {
  const trimmed = text.trim();
  const capped = trimmed.length > handoverMaxLength ? `${trimmed.slice(0, handoverMaxLength)} [... truncated ${trimmed.length - handoverMaxLength} characters]` : trimmed;
  return `${label}: ${capped}`;
}
