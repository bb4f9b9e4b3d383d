// What the store keeps: runs, case results with every check's verdict, and spans. These shapes are
// the contract between the eval runner that writes them and the reports that read them.

export type RunStatus = 'running' | 'completed' | 'interrupted';

export interface RunConfig {
  agents: string[];
  models: string[];
  epochs: number;
  concurrency: number;
  /** The run seed every case's seed derives from. */
  seed: number;
  caseTimeoutMs: number;
  /** `i/n` when only one shard of the matrix ran. */
  shard?: string;
  /**
   * n when the run is made of n shards, each run by its own process into this one run
   * (`--run-id <id> --shard i/n`); the run is completed once every shard is (see RunShardRecord).
   */
  shards?: number;
  filter?: string;
  /**
   * Answers are rated after each case and those below the threshold escalated to the review queue
   * (agents/confidence); absent when the eval did not ask for ratings.
   */
  confidence?: RunConfidenceSettings;
  /** Whether the built-in agents were given lessons from similar past tasks, and from which namespace; absent in runs from before lessons. */
  lessons?: RunLessonsSettings;
}

/** Lessons in an eval (agents/review/lessons.ts): on unless --no-lessons, from one episodic-memory namespace. */
export interface RunLessonsSettings {
  enabled: boolean;
  namespace: string;
}

/** The confidence thresholds an eval rated its answers against: `threshold` for every agent, `agents` over it. */
export interface RunConfidenceSettings {
  /** 0-1. */
  threshold: number;
  /** Per agent (the results' agent column), over `threshold`. */
  agents?: Record<string, number>;
}

/**
 * The process that holds a run open. A `running` run whose owner is gone reads as `interrupted`:
 * on the owner's machine its pid tells, anywhere else its heartbeat going stale does.
 */
export interface RunOwner {
  /** The machine's host name, as shown to people. */
  host: string;
  pid: number;
  /**
   * Where a pid means this process: the boot and pid namespace on Linux, empty elsewhere. Two
   * containers sharing a host name and a store must not test each other's pids.
   */
  scope: string;
}

export interface RunRecord {
  id: string;
  /** Milliseconds since the Unix epoch. */
  startedAt: number;
  finishedAt?: number;
  status: RunStatus;
  /** The git commit of the code under test, when known. */
  gitCommit?: string;
  datasetPath: string;
  /** sha256 of the dataset file's bytes, so runs on different data are not compared by accident. */
  datasetHash: string;
  config: RunConfig;
  /** Cases × agents × models × epochs the run is meant to cover (after filter and shard). */
  plannedResults: number;
  /** The process making the run, stamped by the store that creates or reopens it. */
  owner?: RunOwner;
  /** When the owner last said it was alive (milliseconds since the Unix epoch). */
  heartbeatAt?: number;
}

/**
 * One shard of a run made by several processes: its own status, owner and heartbeat, so a shard whose
 * process died reads as interrupted (and can be run again) while the other shards go on.
 */
export interface RunShardRecord {
  runId: string;
  /** 1-based, of `count`. */
  index: number;
  count: number;
  status: RunStatus;
  /** The cells this shard is meant to make. */
  plannedResults: number;
  startedAt: number;
  finishedAt?: number;
  owner?: RunOwner;
  heartbeatAt?: number;
}

export type CaseStatus = 'pass' | 'fail' | 'error';

/**
 * A dataset case as the eval validated it (eval's GoldenCase), kept as JSON by dataset hash so the
 * report shows what a case asked for; the store reads and writes it without looking inside.
 */
export type CaseDefinition = { id: string } & Record<string, unknown>;

export interface CheckResult {
  /** tools, forbidden_tools, arguments, output_contains, output_regex, max_steps, max_tokens, max_cost_usd, max_latency_ms, completed */
  check: string;
  passed: boolean;
  /** What a person needs to act on: what was expected and what happened. */
  reason: string;
}

export interface CaseResultRecord {
  runId: string;
  caseId: string;
  agent: string;
  model: string;
  epoch: number;
  status: CaseStatus;
  checks: CheckResult[];
  output: string;
  /** The agent's own status: completed, max_steps, budget_exceeded, error… */
  agentStatus: string;
  /** Set for `error` results (and failed agent statuses): the code and message. */
  error?: { code: string; message: string };
  toolsCalled: string[];
  modelCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD; undefined when the model has no price. */
  costUsd?: number;
  latencyMs: number;
  traceId?: string;
  seed: number;
  tags: string[];
  startedAt: number;
  finishedAt: number;
  /**
   * 0-1: how sure a second model call was that the answer is right, when the eval rated answers
   * (`--confidence-threshold`). Its tokens and cost are in the figures above; an unreadable rating is 0.
   */
  confidence?: number;
  /** The confidence was below the agent's threshold, so the result went to the review queue. */
  escalated?: boolean;
}

/** What statistics need of a result: its cell, its status and what it spent. Light enough to hold 100,000 of. */
export type CaseOutcome = Pick<CaseResultRecord, 'caseId' | 'agent' | 'model' | 'epoch' | 'status' | 'inputTokens' | 'outputTokens' | 'costUsd' | 'latencyMs' | 'confidence' | 'escalated'>;

/** The identity of one cell of the matrix: a run holds at most one result per key. */
export function caseResultKey(result: Pick<CaseResultRecord, 'caseId' | 'agent' | 'model' | 'epoch'>): string {
  return `${result.caseId}\u0000${result.agent}\u0000${result.model}\u0000${result.epoch}`;
}
