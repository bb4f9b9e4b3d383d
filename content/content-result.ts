// What one piece's run produces: each stage's output (the checkpoints a queue keeps), the fact-check's
// verdicts, the package, and the piece's status, cost, usage and latency.
import type { AgentResult, TokenUsage } from '../agents/index.js';
import type { ContentStage, ContentWorker } from './constants.js';
import type { LessonPackage } from './lesson-package.js';
import type { PublishResult } from './publish.js';

export interface ResearchFact {
  text: string;
  /** The corpus document (or URL) it was read from. */
  source: string;
}

export interface ResearchOutput {
  query: string;
  findings: string;
  facts: ResearchFact[];
}

export interface WriteOutput {
  draft: string;
  /** 0 for the first draft; more when the fact-check sent it back. */
  revision: number;
}

export type ClaimVerdictKind = 'supported' | 'unsupported' | 'unclear';

export interface ClaimVerdict {
  claim: string;
  verdict: ClaimVerdictKind;
  sources: string[];
  /** The fact-checker's confidence in its verdict, 0 to 1. */
  confidence: number;
}

export interface FactCheckOutput {
  claims: ClaimVerdict[];
  /** Supported claims over all claims. */
  supportedShare: number;
  /** The piece's confidence (content/README.md: how it is computed). */
  confidence: number;
}

export interface FormatOutput {
  lesson: LessonPackage;
  html: string;
  /** Packages the formatter produced, the valid one included. */
  attempts: number;
}

/** Each stage's output: what `onStage` is given and `completedStages` gives back. */
export interface StageOutputs {
  research?: ResearchOutput;
  write?: WriteOutput;
  'fact-check'?: FactCheckOutput;
  format?: FormatOutput;
  publish?: PublishResult;
}

/**
 * published: valid, confident, written to the output folder. ready: the same without an output folder
 * to publish to (an eval). in_review: below the confidence threshold, waiting for a person with the
 * claims report. failed: a gate, the budget or a model call ended it (see `reason`).
 */
export type ContentStatus = 'published' | 'ready' | 'in_review' | 'failed';

export interface WorkerAccount {
  model: string;
  modelCalls: number;
  toolCalls: number;
  usage: TokenUsage;
  /** Absent when the model's prices are unknown. */
  costUsd?: number;
}

export interface ContentResult {
  pieceId: string;
  topic: string;
  status: ContentStatus;
  /** Why a piece failed or waits for review. */
  reason?: string;
  lesson?: LessonPackage;
  html?: string;
  stages: StageOutputs;
  /** Stages run in this call, in order, retries included (skipped checkpoints are not). */
  stagesRun: ContentStage[];
  confidence?: number;
  confidenceThreshold: number;
  /** The per-claim report a reviewer reads. */
  claims?: ClaimVerdict[];
  workers: Partial<Record<ContentWorker | 'supervisor', WorkerAccount>>;
  costUsd: number;
  usage: TokenUsage;
  /** Milliseconds per stage, retries summed. */
  stageLatencyMs: Partial<Record<ContentStage, number>>;
  /** Event types published between stages, in order. */
  events: string[];
  /** The underlying agent run: the trajectory (every worker's steps), status and trace id. */
  run: AgentResult;
}
