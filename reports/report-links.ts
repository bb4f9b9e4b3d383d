// Every URL the pages link to, built in one place so that ids and filters are always encoded.

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') parameters.set(name, String(value));
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/** The run page's filters and page, as its query string names them (a type, so it reads as a record of parameters). */
export type RunQuery = {
  status?: string;
  case?: string;
  agent?: string;
  model?: string;
  tag?: string;
  q?: string;
  page?: number;
};

export const reportLinks = {
  runs: (query: { page?: number; dataset?: string; status?: string } = {}) => withQuery('/', query),
  run: (runId: string, query: RunQuery = {}) => withQuery(`/runs/${encodeURIComponent(runId)}`, query),
  /** The run page scrolled to its results table, under the filter: for tabs, pages and the summary's figures. */
  runResults: (runId: string, query: RunQuery = {}) => `${withQuery(`/runs/${encodeURIComponent(runId)}`, query)}#results`,
  /** How the agents of the results under the filter talked: messages, blackboard writes, events. */
  runMessages: (runId: string, query: RunQuery = {}) => withQuery(`/runs/${encodeURIComponent(runId)}/messages`, query),
  runEvents: (runId: string) => `/api/runs/${encodeURIComponent(runId)}/events`,
  trends: (query: { days?: number; dataset?: string } = {}) => withQuery('/trends', query),
  compareModels: (run: string, modelA: string, modelB: string) => withQuery('/compare', { run, modelA, modelB }),
  caseHistory: (caseId: string, query: { agent?: string; model?: string } = {}) => withQuery(`/cases/${encodeURIComponent(caseId)}`, query),
  trace: (traceId: string, query: { span?: string } = {}) => withQuery(`/traces/${encodeURIComponent(traceId)}`, query),
  costs: (query: { days?: number } = {}) => withQuery('/costs', query),
  content: (query: { days?: number; from?: string; to?: string } = {}) => withQuery('/content', query),
  /** A review in the reviews list filtered to its status (its entry's anchor; the list is paged, 50 a page). */
  review: (reviewId: string, status?: string) => `${withQuery('/reviews', { status })}#review-${encodeURIComponent(reviewId)}`,
  traces: (query: { page?: number; service?: string; from?: string; to?: string; errors?: boolean; q?: string } = {}) =>
    withQuery('/traces', { ...query, errors: query.errors ? '1' : undefined }),
  approvals: () => '/approvals',
  reviews: (query: { status?: string; page?: number } = {}) => withQuery('/reviews', query),
  /** The JSON routes the decision forms post to (reports/decision-routes.ts). */
  approvalDecision: (approvalId: string, action: 'approve' | 'reject') => `/api/approvals/${encodeURIComponent(approvalId)}/${action}`,
  reviewDecision: (reviewId: string, action: 'accept' | 'reject' | 'correct') => `/api/reviews/${encodeURIComponent(reviewId)}/${action}`,
};

export type ReportLinks = typeof reportLinks;
