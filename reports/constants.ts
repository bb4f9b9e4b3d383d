// Defaults of the report server: where it binds, how much it accepts, how far back its pages look,
// how live progress is streamed, and the headers every HTML page carries.

/** The CLI binds here unless told otherwise; only loopback hosts may serve writes without a token. */
export const defaultReportHost = '127.0.0.1';

/** Request bodies larger than this are refused with 413 (the OTLP receiver gets the same limit when one is given). */
export const defaultBodyLimitBytes = 1024 * 1024;

/** Runs per page of the runs list. */
export const runsPageSize = 50;
export const tracesPageSize = 50;
/** How far back trends and costs look when `?days` is not given, and the most they accept. */
export const defaultTrendDays = 90;
export const defaultCostDays = 30;
export const maximumDays = 3_660;
/** Rows of a case's history shown (one per run, agent and model), newest first. */
export const caseHistoryRowLimit = 200;
/** Recent runs offered in the compare page's pickers. */
export const comparePickerRuns = 50;
/** A case's output is cut to this many characters on the run page (and in its JSON twin). */
export const outputPreviewCharacters = 600;

/** A comment line sent on idle event streams so proxies and browsers keep them open. */
export const heartbeatIntervalMs = 15_000;
/** What EventSource waits before reconnecting to a run another process is still writing. */
export const reconnectDelayMs = 5_000;

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** The JSON twins of the pages, the event streams and OTLP answer in JSON; everything else is HTML. */
export const jsonPathPrefixes: readonly string[] = ['/api/', '/v1/'];

export const millisecondsPerDay = 86_400_000;

/** Traces whose messages, blackboard writes and events a run's message log reads (reports/message-log.ts). */
export const messageLogTraceLimit = 50;

/** Pending approvals shown, the longest waiting first; the page says how many more wait. */
export const pendingApprovalsShown = 200;
/** Decided approvals shown under the pending ones, most recent decision first. */
export const recentApprovalDecisions = 50;
/** Review entries per page of the reviews page. */
export const reviewsPageSize = 50;
/** Who a decision is recorded as when its request names no one. */
export const defaultDecider = 'web';
/** The longest reason, note or name a decision accepts, in characters. */
export const decisionTextMaxCharacters = 4_000;
export const deciderNameMaxCharacters = 100;
/** The longest corrected answer a review decision accepts, in characters. */
export const correctionMaxCharacters = 20_000;

/** How far back the content page looks when neither `?days` nor `?from`/`?to` is given. */
export const defaultContentDays = 30;
/** The content page's newest pieces, newest first. */
export const recentContentPieces = 50;
/** The pipeline's stages and its supervisor and workers, in the order the content page lists them; others found in the store follow. */
export const contentStages: readonly string[] = ['research', 'write', 'fact-check', 'format', 'publish'];
export const contentWorkers: readonly string[] = ['supervisor', 'researcher', 'writer', 'fact-checker', 'formatter'];
