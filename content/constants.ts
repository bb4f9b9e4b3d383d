// Defaults of the content pipeline: the worker models and tools, the budgets and the quality gates.
// The config's `content:` section overrides them (content-settings.ts); nothing else holds literals.

/** The stages in the order the supervisor must drive them; `publish` is the effect after format. */
export const contentStages = ['research', 'write', 'fact-check', 'format', 'publish'] as const;
export type ContentStage = (typeof contentStages)[number];

/** The four workers, one per stage before publishing. */
export const contentWorkers = ['researcher', 'writer', 'fact-checker', 'formatter'] as const;
export type ContentWorker = (typeof contentWorkers)[number];

export const workerOfStage: Record<Exclude<ContentStage, 'publish'>, ContentWorker> = {
  research: 'researcher',
  write: 'writer',
  'fact-check': 'fact-checker',
  format: 'formatter',
};

/** Simulator profiles of different price and quality, so the cost per worker differs as in the seed. */
export const DEFAULT_SUPERVISOR_MODEL = 'sim:weak';
export const DEFAULT_WORKER_MODELS: Record<ContentWorker, string> = {
  researcher: 'sim:strong',
  writer: 'sim:strong',
  'fact-checker': 'sim:strong',
  formatter: 'sim:weak',
};

/**
 * Tools by name. `scrape` is offered when the registry has it (the corpus pages' tool); `validate` and
 * `write` are the formatter's: the package's validation and its scratch copy in the sandbox.
 */
export const DEFAULT_WORKER_TOOLS: Record<ContentWorker, string[]> = {
  researcher: ['search_web', 'scrape'],
  writer: [],
  'fact-checker': ['search_web', 'calculator'],
  formatter: ['write_file', 'validate_lesson_package'],
};

/** Below this the piece waits for a person (status in_review). */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.85;

/** Model calls and tokens in the whole piece, supervisor and workers together. */
export const DEFAULT_MAX_STEPS = 40;
export const DEFAULT_MAX_TOKENS = 120_000;
/** Tries per stage (the first included) before a failed gate fails the piece. */
export const DEFAULT_STAGE_ATTEMPTS = 2;
/** Packages the formatter may produce before one that fails validation fails the piece. */
export const DEFAULT_FORMAT_ATTEMPTS = 3;
/** Supervisor decisions in one piece. */
export const DEFAULT_SUPERVISOR_ROUNDS = 10;

/** Quality gates: facts the research must find, and the share of claims the fact-check must support. */
export const DEFAULT_MIN_FACTS = 3;
export const DEFAULT_MIN_SUPPORTED_SHARE = 0.6;

/** Model turns each worker's ReAct loop may take. */
export const WORKER_MAX_TURNS = 5;
/** Claims the fact-checker searches for one by one, at most (the rest are checked against what it found). */
export const MAX_CLAIM_SEARCHES = 6;
/** Facts handed from research to writing, at most. */
export const MAX_FACTS = 12;
/** Audience assumed when the topic does not name one ("Photosynthesis for AP Biology" names it). */
export const DEFAULT_AUDIENCE = 'general readers';

/** The events between stages. */
export const contentEvents = {
  researched: 'content_researched',
  written: 'content_written',
  reviewed: 'content_reviewed',
} as const;

/** The schema names the models are asked to fill (the simulator keys its rules on them). */
export const schemaNames = {
  decision: 'content_supervisor_decision',
  factCheck: 'fact_check',
  lessonPackage: 'lesson_package',
} as const;

/** The episodic-memory namespace of the pieces' lessons. */
export const CONTENT_LESSONS_NAMESPACE = 'content';

/** The worker loop's queue (queue/'s JobQueue): each job's payload is `{ topic }`, its id the piece id. */
export const CONTENT_QUEUE = 'content';
/** How long a worker's lease on a piece lasts without a heartbeat (keepLease beats every third of it). */
export const DEFAULT_LEASE_MS = 60_000;
/** How long an idle worker waits before it looks for a job (and settles decided reviews) again. */
export const DEFAULT_POLL_MS = 1_000;
/** A piece a reviewer returned is written again from these checkpoints (its research); the others are dropped. */
export const RETURNED_PIECE_KEEPS = ['research'] as const;
/** Parked jobs settled per poll at most. */
export const SETTLE_BATCH = 100;
