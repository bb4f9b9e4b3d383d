// The reviews page (`/reviews`, `/api/reviews`): the human review queue. At the top, how many
// entries wait and how long the oldest has; then the pending entries, oldest first, each an answer
// the rater was not confident about (its confidence and reasoning) or a task that spent its retries
// (what failed, how often, the last errors), with its goal, answer, agent, model and links to its
// eval result or trace; then the decided ones, newest first, with who, when, the note, the
// correction and the episode the lesson went to. `?status=` narrows to one status; 50 a page.
import { z } from 'zod';
import type { ReviewRecord, ReviewStatus } from '../../store/index.js';
import { correctionMaxCharacters, deciderNameMaxCharacters, decisionTextMaxCharacters, reviewsPageSize } from '../constants.js';
import { pageNumberParameter, parseQuery } from '../query-schema.js';
import { definePage } from '../report-page.js';

export const reviewStatuses = ['pending', 'accepted', 'rejected', 'corrected'] as const satisfies readonly ReviewStatus[];

/** The queue as a whole, whatever the filter. */
export interface ReviewQueueFigures {
  /** How many entries wait. */
  pending: number;
  decided: number;
  /** When the oldest waiting entry arrived, and how long ago that was; absent when none waits. */
  oldestPendingAt?: number;
  oldestAgeMs?: number;
}

export interface ReviewEntry extends ReviewRecord {
  /** How long a pending entry has waited, in milliseconds. */
  waitedMs?: number;
  /**
   * Whether the entry's run is an eval run in this store, so its result and case pages exist; an
   * agent run's or a content piece's entry (its run id is the piece's job) links to its trace only.
   */
  evalRun: boolean;
}

export interface ReviewsPageData {
  now: number;
  /** Whether deciding needs the server's bearer token (the page then asks for it). */
  tokenRequired: boolean;
  /** The longest note, correction and name a decision takes, in characters. */
  limits: { text: number; correction: number; name: number };
  queue: ReviewQueueFigures;
  filter: { status?: ReviewStatus };
  page: number;
  /** Whether a later page has entries. */
  hasMore: boolean;
  /** Oldest first. */
  pending: ReviewEntry[];
  /** Newest decision first. */
  decided: ReviewEntry[];
}

const querySchema = z.object({
  // Empty means every status (the filter form's "all").
  status: z.enum(['', ...reviewStatuses], { error: `must be one of ${reviewStatuses.join(', ')} (or empty for all)` }).optional(),
  page: pageNumberParameter.optional(),
});

export const reviewsPage = definePage<ReviewsPageData>({
  path: '/reviews',
  apiPath: '/api/reviews',
  view: 'reviews',
  nav: 'reviews',
  title: () => 'Reviews',
  async load(request, { store, now, tokenRequired }) {
    const query = parseQuery(querySchema, request.query);
    const status = query.status === '' || query.status === undefined ? undefined : query.status;
    const page = query.page ?? 1;
    const at = now();
    // The store lists pending entries first, oldest first, then decided ones newest first; one more
    // than a page says whether there is a next page without counting.
    const [stats, listed] = await Promise.all([store.reviews.stats(), store.reviews.list({ ...(status ? { status } : {}), limit: reviewsPageSize + 1, offset: (page - 1) * reviewsPageSize })]);
    const shown = listed.slice(0, reviewsPageSize);
    const runIds = [...new Set(shown.map((review) => review.runId))];
    const runs = await Promise.all(runIds.map((runId) => store.getRun(runId)));
    const evalRuns = new Map(runIds.map((runId, index) => [runId, runs[index] !== undefined]));
    const entries: ReviewEntry[] = shown.map((review) => ({
      ...review,
      evalRun: evalRuns.get(review.runId) ?? false,
      ...(review.status === 'pending' ? { waitedMs: Math.max(0, at - review.createdAt) } : {}),
    }));
    return {
      now: at,
      tokenRequired,
      limits: { text: decisionTextMaxCharacters, correction: correctionMaxCharacters, name: deciderNameMaxCharacters },
      queue: {
        pending: stats.pending,
        decided: stats.decided,
        ...(stats.oldestPendingAt !== undefined ? { oldestPendingAt: stats.oldestPendingAt, oldestAgeMs: Math.max(0, at - stats.oldestPendingAt) } : {}),
      },
      filter: status ? { status } : {},
      page,
      hasMore: listed.length > reviewsPageSize,
      pending: entries.filter((entry) => entry.status === 'pending'),
      decided: entries.filter((entry) => entry.status !== 'pending'),
    };
  },
});
