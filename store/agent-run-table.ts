// The agent_runs table: single runs of `agentlab run` that can pause at an approval gate and resume in
// another process. A process holds a run through its claim, a number every start and resume bumps:
// pausing, saving and finishing are conditional on it, so two resumers never both go on, and a
// process that lost the run cannot overwrite what the winner wrote.
import type { Database, Statement } from 'better-sqlite3';
import { agentRunNotFound } from './human-loop-errors.js';
import type { AgentRunRecord, AgentRunStatus, NewAgentRun } from './human-loop-records.js';
import type { RunOwner } from './records.js';
import { isProcessAlive, isSameMachine } from './run-owner.js';
import { resolveShortId } from './short-id.js';

export interface AgentRunRow {
  id: string;
  agent: string;
  goal: string;
  model: string;
  status: AgentRunStatus;
  settings: string;
  journal: string;
  traceId: string | null;
  rootSpanId: string | null;
  output: string | null;
  error: string | null;
  claim: number;
  ownerHost: string | null;
  ownerPid: number | null;
  ownerScope: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

const columns =
  'id, agent, goal, model, status, settings, journal, trace_id AS traceId, root_span_id AS rootSpanId, output, error, claim, ' +
  'owner_host AS ownerHost, owner_pid AS ownerPid, owner_scope AS ownerScope, started_at AS startedAt, updated_at AS updatedAt, finished_at AS finishedAt';

const defaultListLimit = 100;

export function toRecord(row: AgentRunRow): AgentRunRecord {
  return {
    id: row.id,
    agent: row.agent,
    goal: row.goal,
    model: row.model,
    status: row.status,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    journal: JSON.parse(row.journal) as unknown[],
    ...(row.traceId === null ? {} : { traceId: row.traceId }),
    ...(row.rootSpanId === null ? {} : { rootSpanId: row.rootSpanId }),
    ...(row.output === null ? {} : { output: row.output }),
    ...(row.error === null ? {} : { error: JSON.parse(row.error) as { code: string; message: string } }),
    claim: row.claim,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    ...(row.finishedAt === null ? {} : { finishedAt: row.finishedAt }),
  };
}

export interface AgentRunEnd {
  status: Exclude<AgentRunStatus, 'running' | 'awaiting_approval' | 'interrupted'>;
  output: string;
  error?: { code: string; message: string };
  journal: unknown[];
  at: number;
}

export class AgentRunTable {
  private readonly insert: Statement;
  private readonly selectById: Statement<[string]>;
  private readonly selectByPrefix: Statement<[string, string]>;
  private readonly selectList: Statement<[number]>;
  private readonly claimRun: Statement;
  private readonly pauseRun: Statement;
  private readonly saveJournal: Statement;
  private readonly finishRun: Statement;
  private readonly setTraceIds: Statement;
  private readonly interruptRun: Statement;

  constructor(database: Database, private readonly owner: RunOwner) {
    this.insert = database.prepare(
      'INSERT INTO agent_runs (id, agent, goal, model, status, settings, journal, claim, owner_host, owner_pid, owner_scope, started_at, updated_at) ' +
        "VALUES (?, ?, ?, ?, 'running', ?, '[]', 1, ?, ?, ?, ?, ?)",
    );
    this.selectById = database.prepare(`SELECT ${columns} FROM agent_runs WHERE id = ?`);
    this.selectByPrefix = database.prepare('SELECT id FROM agent_runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 10');
    this.selectList = database.prepare(`SELECT ${columns} FROM agent_runs ORDER BY started_at DESC LIMIT ?`);
    this.claimRun = database.prepare(
      "UPDATE agent_runs SET status = 'running', claim = claim + 1, owner_host = ?, owner_pid = ?, owner_scope = ?, updated_at = ? " +
        "WHERE id = ? AND status IN ('awaiting_approval', 'interrupted') RETURNING claim",
    );
    this.pauseRun = database.prepare("UPDATE agent_runs SET status = 'awaiting_approval', journal = ?, updated_at = ? WHERE id = ? AND claim = ? AND status = 'running'");
    this.saveJournal = database.prepare("UPDATE agent_runs SET journal = ?, updated_at = ? WHERE id = ? AND claim = ? AND status = 'running'");
    this.finishRun = database.prepare(
      "UPDATE agent_runs SET status = ?, output = ?, error = ?, journal = ?, updated_at = ?, finished_at = ? WHERE id = ? AND claim = ? AND status = 'running'",
    );
    this.setTraceIds = database.prepare('UPDATE agent_runs SET trace_id = ?, root_span_id = ? WHERE id = ? AND trace_id IS NULL');
    this.interruptRun = database.prepare("UPDATE agent_runs SET status = 'interrupted', updated_at = ? WHERE id = ? AND claim = ? AND status = 'running'");
  }

  /** A new run, `running` and held by this process with claim 1. */
  create(run: NewAgentRun): AgentRunRecord {
    this.insert.run(run.id, run.agent, run.goal, run.model, JSON.stringify(run.settings), this.owner.host, this.owner.pid, this.owner.scope, run.startedAt, run.startedAt);
    return this.get(run.id)!;
  }

  /** The run, with a `running` run whose process on this machine is gone read as `interrupted`. */
  get(id: string): AgentRunRecord | undefined {
    const row = this.selectById.get(id) as AgentRunRow | undefined;
    return row ? toRecord(this.withOwnerChecked(row)) : undefined;
  }

  /** A full id or a unique prefix. Throws AGENTLAB_AGENT_RUN_NOT_FOUND or AGENTLAB_ID_AMBIGUOUS. */
  resolveId(idOrPrefix: string): string {
    return resolveShortId(idOrPrefix, 'Agent run', this.selectByPrefix, agentRunNotFound);
  }

  /** Newest first. */
  list(options: { limit?: number } = {}): AgentRunRecord[] {
    return (this.selectList.all(options.limit ?? defaultListLimit) as AgentRunRow[]).map((row) => toRecord(this.withOwnerChecked(row)));
  }

  /**
   * Takes a run that waits at an approval gate, or was interrupted: it becomes `running`, held by this
   * process under the returned claim. Undefined when it was neither (another process took it first, or
   * it has ended). Read the run with get() first, so that a run whose process is gone reads as interrupted.
   */
  claim(id: string, at: number): number | undefined {
    const row = this.claimRun.get(this.owner.host, this.owner.pid, this.owner.scope, at, id) as { claim: number } | undefined;
    return row?.claim;
  }

  /** Writes the journal and leaves the run `awaiting_approval`. False when the claim is no longer the run's. */
  pause(id: string, claim: number, journal: unknown[], at: number): boolean {
    return this.pauseRun.run(JSON.stringify(journal), at, id, claim).changes === 1;
  }

  /** Keeps the journal so far. False when the claim is no longer the run's. */
  save(id: string, claim: number, journal: unknown[], at: number): boolean {
    return this.saveJournal.run(JSON.stringify(journal), at, id, claim).changes === 1;
  }

  finish(id: string, claim: number, end: AgentRunEnd): boolean {
    return this.finishRun.run(end.status, end.output, end.error ? JSON.stringify(end.error) : null, JSON.stringify(end.journal), end.at, end.at, id, claim).changes === 1;
  }

  /** Records the trace the run's spans go to; the first one set stays (a resumed run joins it). */
  setTrace(id: string, traceId: string, rootSpanId: string): void {
    this.setTraceIds.run(traceId, rootSpanId, id);
  }

  private withOwnerChecked(row: AgentRunRow): AgentRunRow {
    if (row.status !== 'running' || row.ownerPid === null || row.ownerHost === null) return row;
    const owner = { host: row.ownerHost, pid: row.ownerPid, scope: row.ownerScope ?? '' };
    if (!isSameMachine(owner, this.owner) || isProcessAlive(owner.pid)) return row;
    this.interruptRun.run(row.updatedAt, row.id, row.claim);
    return { ...row, status: 'interrupted' };
  }
}
