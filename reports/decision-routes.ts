// The write side of human in the loop: approving or rejecting a gated tool call, and accepting,
// rejecting or correcting an entry of the review queue, as JSON POSTs. `:id` may be a unique prefix.
// Every decision is one conditional update in the store, so of two deciders at once exactly one wins
// and the other gets 409 saying who decided and when. Answers: 200 with the updated record; 400 for a
// bad body (naming the field); 404, 409; 415 for anything but JSON; 401 from the write guard.
//
// Why JSON only: a web page elsewhere can make the browser POST a form to this server (urlencoded,
// multipart or text/plain) without asking first, and the browser would send it even to a server on
// loopback. A JSON body needs a CORS preflight, which this server never answers with permission, so
// requiring `Content-Type: application/json` means no other site can make it decide anything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DecidedReview, EpisodicMemory, ReviewDecision } from '../agents/index.js';
import { decideReview } from '../agents/index.js';
import { lessonsNamespaceOfReview } from '../content/index.js';
import type { ApprovalRecord, StoreBackend } from '../store/index.js';
import { correctionMaxCharacters, deciderNameMaxCharacters, decisionTextMaxCharacters, defaultDecider } from './constants.js';
import { badRequest, memoryUnavailable, unsupportedMediaType } from './errors.js';

export interface DecisionRouteOptions {
  store: StoreBackend;
  now: () => number;
  /** Opens the episodic memory a correction's or rejection's lesson goes to; none: decisions record no lesson. */
  episodicMemory?: () => Promise<EpisodicMemory>;
  /** The namespace lessons are recorded in; decideReview's default when absent. */
  memoryNamespace?: string;
}

/** The answer to a decided approval. */
export interface ApprovalDecisionAnswer {
  approval: ApprovalRecord;
}

/** The answer to a decided review: the review, and the episode its lesson went to when one did. */
export type ReviewDecisionAnswer = DecidedReview;

const text = (field: string, maximum: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(maximum, `${field} must be at most ${maximum} characters`);
const requiredText = (field: string, maximum: number, why: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required: ${why}` : `${field} must be text`) })
    .trim()
    .min(1, `${field} is required: ${why}`)
    .max(maximum, `${field} must be at most ${maximum} characters`);
const decider = text('by', deciderNameMaxCharacters).optional();

const approveBody = z.strictObject({ reason: text('reason', decisionTextMaxCharacters).optional(), by: decider });
const rejectApprovalBody = z.strictObject({ reason: requiredText('reason', decisionTextMaxCharacters, 'the model is told why its call was rejected'), by: decider });
const acceptBody = z.strictObject({ note: text('note', decisionTextMaxCharacters).optional(), by: decider });
const rejectReviewBody = z.strictObject({ note: requiredText('note', decisionTextMaxCharacters, 'say what is wrong with the answer'), by: decider });
const correctBody = z.strictObject({
  correction: requiredText('correction', correctionMaxCharacters, 'give the corrected answer'),
  note: text('note', decisionTextMaxCharacters).optional(),
  by: decider,
});

/** Each problem as a person reads it: the schemas' own messages name their field. */
function problem(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && field === '') return 'the body must be a JSON object';
  return issue.message;
}

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw badRequest(`Bad request body: ${result.error.issues.map(problem).join('; ')}.`);
}

/** `application/json`, with or without parameters such as `charset=utf-8`. */
function isJson(request: FastifyRequest): boolean {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** Refuses anything but JSON before the body is read (after the write guard, which runs first). */
async function requireJson(request: FastifyRequest): Promise<void> {
  if (!isJson(request)) throw unsupportedMediaType(request.headers['content-type']);
}

const idParameter = (request: FastifyRequest) => (request.params as { id: string }).id;

/** Opens the memory once, on the first review decision; a failure is retried on the next one. */
function lazily(open: () => Promise<EpisodicMemory>): () => Promise<EpisodicMemory> {
  let opening: Promise<EpisodicMemory> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw memoryUnavailable(error);
    });
    return opening;
  };
}

export function registerDecisionRoutes(app: FastifyInstance, options: DecisionRouteOptions): void {
  const { store, now } = options;
  const episodic = options.episodicMemory ? lazily(options.episodicMemory) : undefined;
  const routeOptions = { onRequest: requireJson };

  const decideApproval = async (request: FastifyRequest, decision: 'approved' | 'rejected', body: { reason?: string | undefined; by?: string | undefined }): Promise<ApprovalDecisionAnswer> => {
    const id = await store.approvals.resolveId(idParameter(request));
    const reason = body.reason === undefined || body.reason === '' ? undefined : body.reason;
    const approval = await store.approvals.decide(id, { decision, by: body.by || defaultDecider, at: now(), ...(reason === undefined ? {} : { reason }) });
    return { approval };
  };

  app.post('/api/approvals/:id/approve', routeOptions, async (request) => decideApproval(request, 'approved', parseBody(approveBody, request.body)));
  app.post('/api/approvals/:id/reject', routeOptions, async (request) => decideApproval(request, 'rejected', parseBody(rejectApprovalBody, request.body)));

  const decide = async (request: FastifyRequest, decision: Omit<ReviewDecision, 'by'> & { by?: string | undefined }): Promise<ReviewDecisionAnswer> => {
    // Resolved first, so an unknown id is a 404 without opening memory (which may start a simulator).
    const id = await store.reviews.resolveId(idParameter(request));
    const note = decision.note === undefined || decision.note === '' ? undefined : decision.note;
    const review = await store.reviews.get(id);
    // Only a rejection or a correction of a pending entry teaches a lesson; anything else needs no memory.
    const teaches = decision.action !== 'accepted' && review?.status === 'pending';
    // A content piece's lesson goes where the content workers recall lessons (content/review-namespace.ts).
    const namespace = lessonsNamespaceOfReview(review) ?? options.memoryNamespace;
    return decideReview(
      {
        store,
        now,
        ...(episodic && teaches ? { episodic: await episodic() } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
      },
      id,
      {
        action: decision.action,
        by: decision.by || defaultDecider,
        ...(note === undefined ? {} : { note }),
        ...(decision.correction === undefined ? {} : { correction: decision.correction }),
      },
    );
  };

  app.post('/api/reviews/:id/accept', routeOptions, async (request) => decide(request, { action: 'accepted', ...parseBody(acceptBody, request.body) }));
  app.post('/api/reviews/:id/reject', routeOptions, async (request) => decide(request, { action: 'rejected', ...parseBody(rejectReviewBody, request.body) }));
  app.post('/api/reviews/:id/correct', routeOptions, async (request) => decide(request, { action: 'corrected', ...parseBody(correctBody, request.body) }));
}
