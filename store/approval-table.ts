// The approvals table: gated tool calls and the decisions on them. Deciding is one conditional
// UPDATE (pending, and its run not ended), so of two deciders at once exactly one wins and the other
// is told who did; marking an approved call executed is another, so it runs at most once.
import type { Database, Statement } from 'better-sqlite3';
import { approvalAlreadyDecided, approvalNotFound, approvalRunFinished } from './human-loop-errors.js';
import type { ApprovalDecision, ApprovalListOptions, ApprovalRecord, ApprovalStatus, NewApproval } from './human-loop-records.js';
import { newShortId, resolveShortId } from './short-id.js';

export interface ApprovalRow {
  id: string;
  runId: string;
  callId: string;
  agent: string;
  tool: string;
  permission: string;
  arguments: string;
  goal: string;
  context: string;
  status: ApprovalStatus;
  requestedAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  reason: string | null;
  executedAt: number | null;
}

const columns =
  'id, run_id AS runId, call_id AS callId, agent, tool, permission, arguments, goal, context, status, requested_at AS requestedAt, ' +
  'decided_at AS decidedAt, decided_by AS decidedBy, reason, executed_at AS executedAt';

const defaultListLimit = 100;

/** Runs in these states can still act on a decision. */
const openRunStatuses = new Set(['running', 'awaiting_approval', 'interrupted']);

export function toRecord(row: ApprovalRow): ApprovalRecord {
  return {
    id: row.id,
    runId: row.runId,
    callId: row.callId,
    agent: row.agent,
    tool: row.tool,
    permission: row.permission,
    arguments: JSON.parse(row.arguments) as Record<string, unknown>,
    goal: row.goal,
    context: row.context,
    status: row.status,
    requestedAt: row.requestedAt,
    ...(row.decidedAt === null ? {} : { decidedAt: row.decidedAt }),
    ...(row.decidedBy === null ? {} : { decidedBy: row.decidedBy }),
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.executedAt === null ? {} : { executedAt: row.executedAt }),
  };
}

export interface ApprovalDecisionInput {
  decision: ApprovalDecision;
  by: string;
  at: number;
  reason?: string;
}

export class ApprovalTable {
  private readonly database: Database;
  private readonly insert: Statement;
  private readonly selectById: Statement<[string]>;
  private readonly selectByCall: Statement<[string, string]>;
  private readonly selectByPrefix: Statement<[string, string]>;
  private readonly selectRunStatus: Statement<[string]>;
  private readonly decideRow: Statement;
  private readonly markExecutedRow: Statement;
  private readonly countPending: Statement<[]>;

  constructor(database: Database) {
    this.database = database;
    this.insert = database.prepare(
      'INSERT INTO approvals (id, run_id, call_id, agent, tool, permission, arguments, goal, context, status, requested_at) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (run_id, call_id) DO NOTHING",
    );
    this.selectById = database.prepare(`SELECT ${columns} FROM approvals WHERE id = ?`);
    this.selectByCall = database.prepare(`SELECT ${columns} FROM approvals WHERE run_id = ? AND call_id = ?`);
    this.selectByPrefix = database.prepare('SELECT id FROM approvals WHERE id >= ? AND id < ? ORDER BY id LIMIT 10');
    this.selectRunStatus = database.prepare('SELECT status FROM agent_runs WHERE id = ?');
    this.decideRow = database.prepare(
      "UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND status = 'pending' " +
        "AND EXISTS (SELECT 1 FROM agent_runs WHERE agent_runs.id = approvals.run_id AND agent_runs.status IN ('running', 'awaiting_approval', 'interrupted'))",
    );
    this.markExecutedRow = database.prepare("UPDATE approvals SET executed_at = ? WHERE id = ? AND status = 'approved' AND executed_at IS NULL");
    this.countPending = database.prepare("SELECT COUNT(*) AS count FROM approvals WHERE status = 'pending'");
  }

  /**
   * Records a gated call as pending. A call already recorded (the run paused there before, and is
   * being replayed) is returned as it stands, decision included.
   */
  request(input: NewApproval): ApprovalRecord {
    this.insert.run(newShortId(), input.runId, input.callId, input.agent, input.tool, input.permission, JSON.stringify(input.arguments), input.goal, input.context, input.requestedAt);
    return this.forCall(input.runId, input.callId)!;
  }

  get(id: string): ApprovalRecord | undefined {
    const row = this.selectById.get(id) as ApprovalRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  forCall(runId: string, callId: string): ApprovalRecord | undefined {
    const row = this.selectByCall.get(runId, callId) as ApprovalRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** A full id or a unique prefix. Throws AGENTLAB_APPROVAL_NOT_FOUND or AGENTLAB_ID_AMBIGUOUS. */
  resolveId(idOrPrefix: string): string {
    return resolveShortId(idOrPrefix, 'Approval', this.selectByPrefix, approvalNotFound);
  }

  /** Pending first, then newest first (oldest first with `oldestFirst`). */
  list(options: ApprovalListOptions = {}): ApprovalRecord[] {
    const where: string[] = [];
    const parameters: Array<string | number> = [];
    if (options.status !== undefined) {
      where.push('status = ?');
      parameters.push(options.status);
    }
    if (options.runId !== undefined) {
      where.push('run_id = ?');
      parameters.push(options.runId);
    }
    const sql =
      `SELECT ${columns} FROM approvals ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY status = 'pending' DESC, requested_at ${options.oldestFirst === true ? 'ASC' : 'DESC'} LIMIT ?`;
    return (this.database.prepare(sql).all(...parameters, options.limit ?? defaultListLimit) as ApprovalRow[]).map(toRecord);
  }

  /** How many calls wait for a decision (one read of the status index). */
  pendingCount(): number {
    return (this.countPending.get() as { count: number }).count;
  }

  /**
   * Approves or rejects a pending call of a run that has not ended. Throws AGENTLAB_APPROVAL_NOT_FOUND,
   * AGENTLAB_APPROVAL_ALREADY_DECIDED (naming who decided) or AGENTLAB_APPROVAL_RUN_FINISHED, changing nothing.
   */
  decide(id: string, input: ApprovalDecisionInput): ApprovalRecord {
    const changed = this.decideRow.run(input.decision, input.by, input.at, input.reason ?? null, id).changes === 1;
    const approval = this.get(id);
    if (!approval) throw approvalNotFound(id);
    if (changed) return approval;
    if (approval.status !== 'pending') throw approvalAlreadyDecided(approval);
    const runStatus = (this.selectRunStatus.get(approval.runId) as { status: string } | undefined)?.status ?? 'deleted';
    if (!openRunStatuses.has(runStatus)) throw approvalRunFinished(approval, runStatus);
    throw approvalAlreadyDecided(approval);
  }

  /** True for the one caller that may run the approved call; false when it has run already (or is not approved). */
  markExecuted(id: string, at: number): boolean {
    return this.markExecutedRow.run(at, id).changes === 1;
  }
}
