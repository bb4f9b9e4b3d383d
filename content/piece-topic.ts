// A topic as the pipeline reads it: "Photosynthesis for AP Biology" is the subject "Photosynthesis" for
// the audience "AP Biology"; the piece id is a slug of the topic unless the caller gives one (a queue's
// job id, so a job retried on another worker publishes under the same name).
import { DEFAULT_AUDIENCE } from './constants.js';
import { ContentError } from './errors.js';

export interface PieceTopic {
  topic: string;
  subject: string;
  audience: string;
}

export function readTopic(topic: string): PieceTopic {
  // "Write a lesson on X" (the golden dataset's goals) is the topic X.
  const trimmed = topic.trim().replace(/\s+/g, ' ').replace(/^(?:write|compose|create|produce|make)\s+(?:a\s+)?lesson\s+(?:on|about)\s+/i, '').replace(/[.!?]+$/, '');
  if (trimmed === '') throw new ContentError('AGENTLAB_CONTENT_TOPIC_INVALID', 'a piece needs a topic');
  const match = /^(.+?)\s+for\s+(.+)$/i.exec(trimmed);
  return { topic: trimmed, subject: match?.[1] ?? trimmed, audience: match?.[2] ?? DEFAULT_AUDIENCE };
}

export function pieceIdOf(topic: string): string {
  const slug = topic.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug === '' ? 'piece' : slug;
}

export function checkPieceId(pieceId: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(pieceId)) throw new ContentError('AGENTLAB_CONTENT_TOPIC_INVALID', `a piece id is lowercase letters, digits and hyphens: got ${JSON.stringify(pieceId)}`);
  return pieceId;
}
