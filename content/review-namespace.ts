// Where the lesson of a decided review goes: a review of a content piece (agent `content`) teaches the
// pieces recalled by recallContentLessons, so its lesson goes to the `content` namespace whatever the
// config's memory.namespace; other reviews go where the caller says.
import type { StoreBackend } from '../store/index.js';
import { CONTENT_LESSONS_NAMESPACE } from './constants.js';

/** `content` for a content piece's review record; undefined for any other. */
export function lessonsNamespaceOfReview(review: { agent: string } | undefined): string | undefined {
  return review?.agent === 'content' ? CONTENT_LESSONS_NAMESPACE : undefined;
}

/** `content` for a content piece's review (id or unique prefix) in the store (SQLite or PostgreSQL); undefined for any other, or an id the store does not resolve. */
export async function contentLessonsNamespaceOf(store: Pick<StoreBackend, 'reviews'>, idOrPrefix: string): Promise<string | undefined> {
  try {
    return lessonsNamespaceOfReview(await store.reviews.get(await store.reviews.resolveId(idOrPrefix)));
  } catch {
    // Not found or ambiguous: decideReview reports it.
    return undefined;
  }
}
