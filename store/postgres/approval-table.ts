// The approvals table on PostgreSQL: store/approval-table.ts's rules. Deciding is one conditional
// UPDATE (pending, and its run not ended), so of two deciders exactly one wins; marking an approved
// call executed is another, so it runs at most once.
import type { ApprovalDecisionInput, ApprovalRow, ApprovalTable } from '../approval-table.js';
import { toRecord } from '../approval-table.js';
import { approvalAlreadyDecided, approvalNotFound, approvalRunFinished } from '../human-loop-errors.js';
import type { ApprovalListOptions, ApprovalRecord, NewApproval } from '../human-loop-records.js';
import { newShortId } from '../short-id.js';
import type { AsyncMethods } from '../store-backend.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { resolveShortId } from './short-id.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

const columns =
  'id, run_id AS "runId", call_id AS "callId", agent, tool, permission, arguments, goal, context, status, requested_at AS "requestedAt", ' +
  'decided_at AS "decidedAt", decided_by AS "decidedBy", reason, executed_at AS "executedAt"';

const defaultListLimit = 100;
const openRunStatuses = new Set(['running', 'awaiting_approval', 'interrupted']);

export class PostgresApprovalTable implements AsyncMethods<ApprovalTable> {
  constructor(private readonly database: Queryable) {}

  async request(input: NewApproval): Promise<ApprovalRecord> {
    await this.database.query(
      `INSERT INTO approvals (id, run_id, call_id, agent, tool, permission, arguments, goal, context, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10) ON CONFLICT (run_id, call_id) DO NOTHING`,
      [newShortId(), input.runId, input.callId, input.agent, input.tool, input.permission, JSON.stringify(input.arguments), input.goal, input.context, input.requestedAt],
    );
    return (await this.forCall(input.runId, input.callId))!;
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const [row] = await rows<ApprovalRow>(this.database, `SELECT ${columns} FROM approvals WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  async forCall(runId: string, callId: string): Promise<ApprovalRecord | undefined> {
    const [row] = await rows<ApprovalRow>(this.database, `SELECT ${columns} FROM approvals WHERE run_id = $1 AND call_id = $2`, [runId, callId]);
    return row ? toRecord(row) : undefined;
  }

  resolveId(idOrPrefix: string): Promise<string> {
    return resolveShortId(this.database, 'approvals', idOrPrefix, 'Approval', approvalNotFound);
  }

  /** Pending first, then newest first (oldest first with `oldestFirst`). */
  async list(options: ApprovalListOptions = {}): Promise<ApprovalRecord[]> {
    const parameters = new SqlParameters();
    const conditions: string[] = [];
    if (options.status !== undefined) conditions.push(`status = ${parameters.add(options.status)}`);
    if (options.runId !== undefined) conditions.push(`run_id = ${parameters.add(options.runId)}`);
    const sql = `SELECT ${columns} FROM approvals ${whereSql(conditions)}
      ORDER BY status = 'pending' DESC, requested_at ${options.oldestFirst === true ? 'ASC' : 'DESC'} LIMIT ${parameters.add(options.limit ?? defaultListLimit)}`;
    return (await rows<ApprovalRow>(this.database, sql, parameters.values)).map(toRecord);
  }

  async pendingCount(): Promise<number> {
    const [row] = await rows<{ count: number }>(this.database, "SELECT COUNT(*) AS count FROM approvals WHERE status = 'pending'");
    return row?.count ?? 0;
  }

  async decide(id: string, input: ApprovalDecisionInput): Promise<ApprovalRecord> {
    const result = await this.database.query(
      `UPDATE approvals SET status = $1, decided_by = $2, decided_at = $3, reason = $4 WHERE id = $5 AND status = 'pending'
       AND EXISTS (SELECT 1 FROM agent_runs WHERE agent_runs.id = approvals.run_id AND agent_runs.status IN ('running', 'awaiting_approval', 'interrupted'))`,
      [input.decision, input.by, input.at, input.reason ?? null, id],
    );
    const approval = await this.get(id);
    if (!approval) throw approvalNotFound(id);
    if (result.rowCount === 1) return approval;
    if (approval.status !== 'pending') throw approvalAlreadyDecided(approval);
    const [run] = await rows<{ status: string }>(this.database, 'SELECT status FROM agent_runs WHERE id = $1', [approval.runId]);
    const runStatus = run?.status ?? 'deleted';
    if (!openRunStatuses.has(runStatus)) throw approvalRunFinished(approval, runStatus);
    throw approvalAlreadyDecided(approval);
  }

  async markExecuted(id: string, at: number): Promise<boolean> {
    const result = await this.database.query("UPDATE approvals SET executed_at = $1 WHERE id = $2 AND status = 'approved' AND executed_at IS NULL", [at, id]);
    return result.rowCount === 1;
  }
}
