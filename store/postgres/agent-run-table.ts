// The agent_runs table on PostgreSQL: store/agent-run-table.ts's claims, each change one conditional
// statement, so two resumers never both go on and a process that lost the run cannot overwrite it.
import type { AgentRunEnd, AgentRunRow, AgentRunTable } from '../agent-run-table.js';
import { toRecord } from '../agent-run-table.js';
import { agentRunNotFound } from '../human-loop-errors.js';
import type { AgentRunRecord, NewAgentRun } from '../human-loop-records.js';
import type { RunOwner } from '../records.js';
import { isProcessAlive, isSameMachine } from '../run-owner.js';
import type { AsyncMethods } from '../store-backend.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { resolveShortId } from './short-id.js';

const columns =
  'id, agent, goal, model, status, settings, journal, trace_id AS "traceId", root_span_id AS "rootSpanId", output, error, claim, ' +
  'owner_host AS "ownerHost", owner_pid AS "ownerPid", owner_scope AS "ownerScope", started_at AS "startedAt", updated_at AS "updatedAt", finished_at AS "finishedAt"';

const defaultListLimit = 100;

export class PostgresAgentRunTable implements AsyncMethods<AgentRunTable> {
  constructor(private readonly database: Queryable, private readonly owner: RunOwner) {}

  async create(run: NewAgentRun): Promise<AgentRunRecord> {
    await this.database.query(
      `INSERT INTO agent_runs (id, agent, goal, model, status, settings, journal, claim, owner_host, owner_pid, owner_scope, started_at, updated_at)
       VALUES ($1, $2, $3, $4, 'running', $5, '[]', 1, $6, $7, $8, $9, $9)`,
      [run.id, run.agent, run.goal, run.model, JSON.stringify(run.settings), this.owner.host, this.owner.pid, this.owner.scope, run.startedAt],
    );
    return (await this.get(run.id))!;
  }

  async get(id: string): Promise<AgentRunRecord | undefined> {
    const [row] = await rows<AgentRunRow>(this.database, `SELECT ${columns} FROM agent_runs WHERE id = $1`, [id]);
    return row ? toRecord(await this.withOwnerChecked(row)) : undefined;
  }

  resolveId(idOrPrefix: string): Promise<string> {
    return resolveShortId(this.database, 'agent_runs', idOrPrefix, 'Agent run', agentRunNotFound);
  }

  async list(options: { limit?: number } = {}): Promise<AgentRunRecord[]> {
    const found = await rows<AgentRunRow>(this.database, `SELECT ${columns} FROM agent_runs ORDER BY started_at DESC LIMIT $1`, [options.limit ?? defaultListLimit]);
    return Promise.all(found.map(async (row) => toRecord(await this.withOwnerChecked(row))));
  }

  async claim(id: string, at: number): Promise<number | undefined> {
    const [row] = await rows<{ claim: number }>(
      this.database,
      `UPDATE agent_runs SET status = 'running', claim = claim + 1, owner_host = $1, owner_pid = $2, owner_scope = $3, updated_at = $4
       WHERE id = $5 AND status IN ('awaiting_approval', 'interrupted') RETURNING claim`,
      [this.owner.host, this.owner.pid, this.owner.scope, at, id],
    );
    return row?.claim;
  }

  async pause(id: string, claim: number, journal: unknown[], at: number): Promise<boolean> {
    const result = await this.database.query("UPDATE agent_runs SET status = 'awaiting_approval', journal = $1, updated_at = $2 WHERE id = $3 AND claim = $4 AND status = 'running'", [JSON.stringify(journal), at, id, claim]);
    return result.rowCount === 1;
  }

  async save(id: string, claim: number, journal: unknown[], at: number): Promise<boolean> {
    const result = await this.database.query("UPDATE agent_runs SET journal = $1, updated_at = $2 WHERE id = $3 AND claim = $4 AND status = 'running'", [JSON.stringify(journal), at, id, claim]);
    return result.rowCount === 1;
  }

  async finish(id: string, claim: number, end: AgentRunEnd): Promise<boolean> {
    const result = await this.database.query(
      "UPDATE agent_runs SET status = $1, output = $2, error = $3, journal = $4, updated_at = $5, finished_at = $5 WHERE id = $6 AND claim = $7 AND status = 'running'",
      [end.status, end.output, end.error ? JSON.stringify(end.error) : null, JSON.stringify(end.journal), end.at, id, claim],
    );
    return result.rowCount === 1;
  }

  async setTrace(id: string, traceId: string, rootSpanId: string): Promise<void> {
    await this.database.query('UPDATE agent_runs SET trace_id = $1, root_span_id = $2 WHERE id = $3 AND trace_id IS NULL', [traceId, rootSpanId, id]);
  }

  /** A `running` run whose process on this machine is gone reads (and is marked) `interrupted`. */
  private async withOwnerChecked(row: AgentRunRow): Promise<AgentRunRow> {
    if (row.status !== 'running' || row.ownerPid === null || row.ownerHost === null) return row;
    const owner = { host: row.ownerHost, pid: row.ownerPid, scope: row.ownerScope ?? '' };
    if (!isSameMachine(owner, this.owner) || isProcessAlive(owner.pid)) return row;
    await this.database.query("UPDATE agent_runs SET status = 'interrupted', updated_at = $1 WHERE id = $2 AND claim = $3 AND status = 'running'", [row.updatedAt, row.id, row.claim]);
    return { ...row, status: 'interrupted' };
  }
}
