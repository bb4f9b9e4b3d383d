// The reviews table: the human review queue. Escalated answers and tasks that spent their retries
// wait as `pending`; a reviewer accepts, rejects or corrects each once. Deciding is one conditional
// UPDATE, so of two reviewers at once exactly one wins and the other is told who did.
import type { Database, Statement } from 'better-sqlite3';
import { reviewAlreadyDecided, reviewInputInvalid, reviewNotFound } from './human-loop-errors.js';
import type { ErrorReport, NewReview, ReviewDecisionInput, ReviewKind, ReviewListOptions, ReviewQueueStats, ReviewRecord, ReviewStatus } from './human-loop-records.js';
import { newShortId, resolveShortId } from './short-id.js';

export interface ReviewRow {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  runId: string;
  caseId: string | null;
  epoch: number | null;
  agent: string;
  model: string;
  goal: string;
  answer: string;
  confidence: number | null;
  reasoning: string | null;
  errorReport: string | null;
  steps: string;
  traceId: string | null;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  note: string | null;
  correction: string | null;
  episodeId: number | null;
}

const columns =
  'id, kind, status, run_id AS runId, case_id AS caseId, epoch, agent, model, goal, answer, confidence, reasoning, error_report AS errorReport, ' +
  'steps, trace_id AS traceId, created_at AS createdAt, decided_at AS decidedAt, decided_by AS decidedBy, note, correction, episode_id AS episodeId';

const defaultListLimit = 100;

export function toRecord(row: ReviewRow): ReviewRecord {
  const optional = <Key extends string, Value>(key: Key, value: Value | null) => (value === null ? {} : ({ [key]: value } as Record<Key, Value>));
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    runId: row.runId,
    ...optional('caseId', row.caseId),
    ...optional('epoch', row.epoch),
    agent: row.agent,
    model: row.model,
    goal: row.goal,
    answer: row.answer,
    ...optional('confidence', row.confidence),
    ...optional('reasoning', row.reasoning),
    ...(row.errorReport === null ? {} : { errorReport: JSON.parse(row.errorReport) as ErrorReport }),
    steps: row.steps,
    ...optional('traceId', row.traceId),
    createdAt: row.createdAt,
    ...optional('decidedAt', row.decidedAt),
    ...optional('decidedBy', row.decidedBy),
    ...optional('note', row.note),
    ...optional('correction', row.correction),
    ...optional('episodeId', row.episodeId),
  };
}

export class ReviewTable {
  private readonly database: Database;
  private readonly insert: Statement;
  private readonly selectById: Statement<[string]>;
  private readonly selectByPrefix: Statement<[string, string]>;
  private readonly decideRow: Statement;
  private readonly setEpisodeRow: Statement;
  private readonly selectStats: Statement<[]>;
  private readonly countPending: Statement<[]>;
  private readonly insertOnce: Statement;

  constructor(database: Database) {
    this.database = database;
    this.insert = database.prepare(
      'INSERT INTO reviews (id, kind, status, run_id, case_id, epoch, agent, model, goal, answer, confidence, reasoning, error_report, steps, trace_id, created_at) ' +
        "VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.selectById = database.prepare(`SELECT ${columns} FROM reviews WHERE id = ?`);
    this.selectByPrefix = database.prepare('SELECT id FROM reviews WHERE id >= ? AND id < ? ORDER BY id LIMIT 10');
    this.decideRow = database.prepare("UPDATE reviews SET status = ?, decided_by = ?, decided_at = ?, note = ?, correction = ? WHERE id = ? AND status = 'pending'");
    this.setEpisodeRow = database.prepare('UPDATE reviews SET episode_id = ? WHERE id = ?');
    this.selectStats = database.prepare(
      "SELECT SUM(status = 'pending') AS pending, MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldestPendingAt, SUM(status <> 'pending') AS decided FROM reviews",
    );
    this.countPending = database.prepare("SELECT COUNT(*) AS count FROM reviews WHERE status = 'pending'");
    this.insertOnce = database.prepare(
      'INSERT INTO reviews (id, kind, status, run_id, case_id, epoch, agent, model, goal, answer, confidence, reasoning, error_report, steps, trace_id, created_at) ' +
        "SELECT @id, @kind, 'pending', @runId, @caseId, @epoch, @agent, @model, @goal, @answer, @confidence, @reasoning, @errorReport, @steps, @traceId, @createdAt " +
        'WHERE NOT EXISTS (SELECT 1 FROM reviews WHERE kind = @kind AND run_id = @runId AND case_id IS @caseId AND agent = @agent AND model = @model AND epoch IS @epoch)',
    );
  }

  add(input: NewReview): ReviewRecord {
    const id = newShortId();
    this.insert.run(
      id,
      input.kind,
      input.runId,
      input.caseId ?? null,
      input.epoch ?? null,
      input.agent,
      input.model,
      input.goal,
      input.answer,
      input.confidence ?? null,
      input.reasoning ?? null,
      input.errorReport ? JSON.stringify(input.errorReport) : null,
      input.steps,
      input.traceId ?? null,
      input.createdAt,
    );
    return this.get(id)!;
  }

  /**
   * Adds the entry unless the queue already holds one of the same kind for the same run, case, agent,
   * model and epoch (whatever its status): a resumed or retried eval meets its cells again. One
   * statement, so two writers cannot both add it. The new entry, or undefined when one was there.
   */
  addOnce(input: NewReview): ReviewRecord | undefined {
    const id = newShortId();
    const added = this.insertOnce.run({
      id,
      kind: input.kind,
      runId: input.runId,
      caseId: input.caseId ?? null,
      epoch: input.epoch ?? null,
      agent: input.agent,
      model: input.model,
      goal: input.goal,
      answer: input.answer,
      confidence: input.confidence ?? null,
      reasoning: input.reasoning ?? null,
      errorReport: input.errorReport ? JSON.stringify(input.errorReport) : null,
      steps: input.steps,
      traceId: input.traceId ?? null,
      createdAt: input.createdAt,
    }).changes;
    return added === 1 ? this.get(id) : undefined;
  }

  /** Many entries in one transaction (an eval's escalations), all or none. */
  addMany(inputs: readonly NewReview[]): ReviewRecord[] {
    return this.database.transaction(() => inputs.map((input) => this.add(input)))();
  }

  get(id: string): ReviewRecord | undefined {
    const row = this.selectById.get(id) as ReviewRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** A full id or a unique prefix. Throws AGENTLAB_REVIEW_NOT_FOUND or AGENTLAB_ID_AMBIGUOUS. */
  resolveId(idOrPrefix: string): string {
    return resolveShortId(idOrPrefix, 'Review', this.selectByPrefix, reviewNotFound);
  }

  /** Pending oldest first (the queue's order); decided newest first. */
  list(options: ReviewListOptions = {}): ReviewRecord[] {
    const status = options.status;
    const where = status === undefined ? '' : 'WHERE status = ?';
    const order = status === 'pending' ? 'created_at ASC' : "status = 'pending' DESC, CASE WHEN status = 'pending' THEN created_at END ASC, decided_at DESC";
    const sql = `SELECT ${columns} FROM reviews ${where} ORDER BY ${order}, id LIMIT ? OFFSET ?`;
    const parameters: Array<string | number> = status === undefined ? [] : [status];
    return (this.database.prepare(sql).all(...parameters, options.limit ?? defaultListLimit, options.offset ?? 0) as ReviewRow[]).map(toRecord);
  }

  /** How many entries wait (one read of the status index, for a count beside a link). */
  pendingCount(): number {
    return (this.countPending.get() as { count: number }).count;
  }

  stats(): ReviewQueueStats {
    const row = this.selectStats.get() as { pending: number | null; oldestPendingAt: number | null; decided: number | null };
    return { pending: row.pending ?? 0, decided: row.decided ?? 0, ...(row.oldestPendingAt === null ? {} : { oldestPendingAt: row.oldestPendingAt }) };
  }

  /**
   * Accepts, rejects or corrects a pending entry. Throws AGENTLAB_REVIEW_NOT_FOUND, AGENTLAB_REVIEW_ALREADY_DECIDED
   * (naming who decided) or AGENTLAB_REVIEW_INPUT_INVALID (a correction without its text), changing nothing.
   */
  decide(id: string, input: ReviewDecisionInput): ReviewRecord {
    if (input.action === 'corrected' && (input.correction === undefined || input.correction.trim() === '')) {
      throw reviewInputInvalid(`Correcting review ${id} needs the corrected answer.`);
    }
    const changed = this.decideRow.run(input.action, input.by, input.at, input.note ?? null, input.action === 'corrected' ? input.correction! : null, id).changes === 1;
    const review = this.get(id);
    if (!review) throw reviewNotFound(id);
    if (!changed) throw reviewAlreadyDecided(review);
    return review;
  }

  /** Links the episode a decision recorded. */
  setEpisode(id: string, episodeId: number): void {
    this.setEpisodeRow.run(episodeId, id);
  }
}
