// The worker loop's options, the event it reports per piece, and the summary it returns
// (runContentWorkers, worker-loop.ts). The bench (bench/content) and `agentlab content work` call it.
import type { Tracer } from '@opentelemetry/api';
import type { ModelProvider } from '../models/index.js';
import type { JobQueue } from '../queue/index.js';
import type { StoreBackend } from '../store/index.js';
import type { ContentStatus } from './content-result.js';
import type { ContentSettings } from './content-settings.js';

export interface ContentWorkersOptions {
  queue: JobQueue;
  /** Where reviews and content runs are kept, and lessons recalled from: SQLite or PostgreSQL. */
  store: StoreBackend;
  provider: ModelProvider;
  settings: ContentSettings;
  /** Concurrent workers in this process, each with its own worker id. */
  workers: number;
  /** Where confident pieces (and accepted ones) are published. */
  outputDirectory: string;
  /** Stop leasing new jobs; the jobs in hand are finished. */
  signal?: AbortSignal;
  /** Stop now: the pieces in hand are aborted and their jobs released (no attempt counted). */
  abortSignal?: AbortSignal;
  /** `DEFAULT_LEASE_MS` unless given. */
  leaseMs?: number;
  /** `DEFAULT_POLL_MS` unless given: how long an idle worker waits before looking again. */
  pollMs?: number;
  /** Return when no job of the queue is queued or running (pieces in review wait for a person). */
  untilEmpty?: boolean;
  tracer?: Tracer;
  /** Record prompts and replies on the pieces' spans (opt-in, as everywhere). */
  captureContent?: boolean;
  seed?: number;
  /** Called once per piece a worker finished (or gave up) and once per review settled. */
  onPiece?: (event: PieceEvent) => void;
  /** Recall lessons of reviewed pieces for each piece (true by default). */
  lessons?: boolean;
  /** The embedding model the lessons were recorded with: `DEFAULT_EMBEDDING_MODEL` (sim:strong) by default. */
  embeddingModel?: string;
  /** `CONTENT_LESSONS_NAMESPACE` (content) by default. */
  lessonsNamespace?: string;
  /** The bundled curriculum pages by default. */
  corpusDirectory?: string;
  /** Date.now by default: the time of reviews and content runs. */
  now?: () => number;
}

/**
 * What became of a job: `completed` (published or ready), `parked` (in review), `retry` or `dead` (a
 * failed run), `released` (stopped with abortSignal), `lost` (the lease was lost: another worker has
 * it), and for a review settled: `published` (accepted) or `returned` / `returned-dead` (rejected or
 * corrected: queued to be written again, or dead when that was its last attempt).
 */
export type PieceOutcome = 'completed' | 'parked' | 'retry' | 'dead' | 'released' | 'lost' | 'published' | 'returned' | 'returned-dead';

export interface PieceEvent {
  workerId: string;
  jobId: string;
  topic: string;
  /** The run's status; absent for a run that threw, was released or lost, and for a settled review. */
  status?: ContentStatus;
  outcome: PieceOutcome;
  reason?: string;
  confidence?: number;
  costUsd: number;
  /** Stages run in this run (checkpointed ones are skipped). */
  stagesRun: string[];
  /** Lessons put in the workers' prompts. */
  lessons: number;
  reviewId?: string;
}

export interface WorkersSummary {
  /** Runs per outcome (and reviews settled per outcome). */
  outcomes: Partial<Record<PieceOutcome, number>>;
  /** Pieces run (finished runs, whatever their outcome). */
  pieces: number;
  costUsd: number;
  /** True when abortSignal stopped it. */
  aborted: boolean;
}
