// Results handed from one stage or worker to the next, capped so contexts stay small. Between the
// agents of a team a hand-over is a direct message sent under a label (`researcher reported`,
// `Research findings`); the receiver reads it into its context as `label: content`.
import { handoverMaxLength } from '../constants.js';
import type { DirectMessage, Mailbox, MessageDraft } from '../messaging/index.js';

export function handover(label: string, text: string): string {
  const trimmed = text.trim();
  const capped = trimmed.length > handoverMaxLength ? `${trimmed.slice(0, handoverMaxLength)} [... truncated ${trimmed.length - handoverMaxLength} characters]` : trimmed;
  return `${label}: ${capped}`;
}

/** Sends a hand-over as a direct message; its label travels in the metadata. */
export function sendHandover(mailbox: Mailbox, label: string, draft: MessageDraft): DirectMessage {
  return mailbox.send({ ...draft, metadata: { ...draft.metadata, label } });
}

/** A hand-over message as a context line, under the label it was sent with unless another is given. */
export function handoverContext(message: DirectMessage, label = String(message.metadata.label ?? message.sender)): string {
  return handover(label, message.content);
}
