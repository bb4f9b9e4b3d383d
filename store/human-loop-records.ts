// The records of human in the loop: agent runs that can pause at an approval gate, the approvals
// themselves, and the review queue's entries. JSON columns come back parsed; absent optional fields
// come back absent.

export const agentRunStatuses = ['running', 'awaiting_approval', 'completed', 'max_steps', 'budget_exceeded', 'error', 'interrupted'] as const;
export type AgentRunStatus = (typeof agentRunStatuses)[number];

/** One `agentlab run`: what was asked, how it stands, and what a resume needs. */
export interface AgentRunRecord {
  id: string;
  agent: string;
  goal: string;
  /** The model reference, e.g. sim:strong. */
  model: string;
  status: AgentRunStatus;
  /** What a resume needs to go on as the run began; the CLI owns its shape. */
  settings: Record<string, unknown>;
  /** The model replies and tool results so far, in order (agents/core/run-journal.ts owns their shape). */
  journal: unknown[];
  traceId?: string;
  /** The first root span's id: a resumed run's spans join the same trace under it. */
  rootSpanId?: string;
  output?: string;
  error?: { code: string; message: string };
  /** Bumped by every claim; a process holds the run while the claim it got is the newest. */
  claim: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
}

export interface NewAgentRun {
  id: string;
  agent: string;
  goal: string;
  model: string;
  settings: Record<string, unknown>;
  startedAt: number;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';
export type ApprovalDecision = 'approved' | 'rejected';

/** A gated tool call: what was asked for, and what a person decided. */
export interface ApprovalRecord {
  id: string;
  runId: string;
  callId: string;
  /** The agent or worker that made the call. */
  agent: string;
  tool: string;
  permission: string;
  arguments: Record<string, unknown>;
  goal: string;
  /** The last messages before the call, as text. */
  context: string;
  status: ApprovalStatus;
  requestedAt: number;
  decidedAt?: number;
  decidedBy?: string;
  reason?: string;
  /** When the approved call ran. */
  executedAt?: number;
}

export type NewApproval = Omit<ApprovalRecord, 'id' | 'status' | 'decidedAt' | 'decidedBy' | 'reason' | 'executedAt'>;

export interface ApprovalListOptions {
  status?: ApprovalStatus;
  runId?: string;
  /** 100 by default. */
  limit?: number;
  /** Oldest request first (the order a queue is worked in); newest first by default. */
  oldestFirst?: boolean;
}

export type ReviewKind = 'low_confidence' | 'retries_exhausted';
export type ReviewStatus = 'pending' | 'accepted' | 'rejected' | 'corrected';
export type ReviewAction = Exclude<ReviewStatus, 'pending'>;

/** What failed, how often, and the last errors: the structured report of a task that spent its retries. */
export interface ErrorReport {
  code: string;
  message: string;
  /** Tries made, the first included. */
  attempts: number;
  lastErrors: string[];
}

/** An answer or a failure waiting for a person. */
export interface ReviewRecord {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  /** An eval's run id (with caseId and epoch), or an agent run's. */
  runId: string;
  caseId?: string;
  epoch?: number;
  agent: string;
  model: string;
  goal: string;
  answer: string;
  /** 0-1, for low_confidence entries. */
  confidence?: number;
  reasoning?: string;
  errorReport?: ErrorReport;
  /** A summary of the steps the run took. */
  steps: string;
  traceId?: string;
  createdAt: number;
  decidedAt?: number;
  decidedBy?: string;
  note?: string;
  /** The corrected answer. */
  correction?: string;
  /** The episode the correction or rejection recorded its lesson in. */
  episodeId?: number;
}

export type NewReview = Omit<ReviewRecord, 'id' | 'status' | 'decidedAt' | 'decidedBy' | 'note' | 'correction' | 'episodeId'>;

export interface ReviewListOptions {
  status?: ReviewStatus;
  /** 100 by default. */
  limit?: number;
  offset?: number;
}

/** How long the queue is and how long its oldest entry has waited. */
export interface ReviewQueueStats {
  pending: number;
  /** When the oldest pending entry arrived; absent when none waits. */
  oldestPendingAt?: number;
  decided: number;
}

export interface ReviewDecisionInput {
  action: ReviewAction;
  by: string;
  at: number;
  note?: string;
  /** Required for `corrected`. */
  correction?: string;
}
