// The memories table on PostgreSQL: each memory's row holds its vector, so a row and its vector are
// written and forgotten together; a search ranks the memories in scope (namespace, embedding model,
// agents) by cosine distance in SQL (memory-migration.ts). The answers are store/memory-table.ts's.
import { memoryNotFound } from '../memory-errors.js';
import type { MemoryForgetFilter, MemoryInput, MemoryListOptions, MemoryMatch, MemoryRecord, MemorySearchScope } from '../memory-records.js';
import type { MemoryRow, MemoryTable } from '../memory-table.js';
import { toRecord } from '../memory-table.js';
import { vectorSearchMaxK } from '../constants.js';
import type { AsyncMethods } from '../store-backend.js';
import { PostgresEmbeddingModelTable } from './embedding-model-table.js';
import { inTransaction, rows } from './queryable.js';
import type { Connections } from './queryable.js';
import { nearestByCosine, vectorBytes } from './cosine-ranking.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

const memoryColumns =
  'id, namespace, agent, content, embedding_model AS "embeddingModel", created_at AS "createdAt", ' +
  'last_accessed_at AS "lastAccessedAt", access_count AS "accessCount", run_id AS "runId"';

const defaultListLimit = 100;

function scopeConditions(options: { namespace?: string; agent?: string }, parameters: SqlParameters): string[] {
  const conditions: string[] = [];
  if (options.namespace !== undefined) conditions.push(`namespace = ${parameters.add(options.namespace)}`);
  if (options.agent !== undefined) conditions.push(`agent = ${parameters.add(options.agent)}`);
  return conditions;
}

export class PostgresMemoryTable implements AsyncMethods<MemoryTable> {
  private readonly embeddingModels: PostgresEmbeddingModelTable;

  constructor(private readonly pool: Connections) {
    this.embeddingModels = new PostgresEmbeddingModelTable(pool);
  }

  dimensionsOf(embeddingModel: string): Promise<number | undefined> {
    return this.embeddingModels.dimensionsOf(embeddingModel);
  }

  async add(memory: MemoryInput): Promise<MemoryRecord> {
    return (await this.get((await this.addMany([memory]))[0]!))!;
  }

  /** Every memory in one transaction, all or none; their ids. Throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH. */
  addMany(memories: readonly MemoryInput[]): Promise<number[]> {
    return inTransaction(this.pool, async (client) => {
      const models = new PostgresEmbeddingModelTable(client);
      const ids: number[] = [];
      for (const memory of memories) {
        await models.register(memory.embeddingModel, memory.embedding.length);
        const [row] = await rows<{ id: number }>(
          client,
          `INSERT INTO memories (namespace, agent, content, embedding_model, embedding, created_at, last_accessed_at, access_count, run_id)
           VALUES ($1, $2, $3, $4, $5, $6, $6, 0, $7) RETURNING id`,
          [memory.namespace, memory.agent, memory.content, memory.embeddingModel, vectorBytes(memory.embedding), memory.createdAt, memory.runId ?? null],
        );
        ids.push(row!.id);
      }
      return ids;
    });
  }

  async get(id: number): Promise<MemoryRecord | undefined> {
    const [row] = await rows<MemoryRow>(this.pool, `SELECT ${memoryColumns} FROM memories WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  /** The k memories in scope whose vectors are nearest the query (same embedding model), nearest first. */
  async nearest(query: Float32Array, k: number, scope: MemorySearchScope): Promise<MemoryMatch[]> {
    if (k < 1 || (scope.agents !== undefined && scope.agents.length === 0)) return [];
    if ((await this.embeddingModels.dimensionsOf(scope.embeddingModel)) !== query.length) return [];
    const parameters = new SqlParameters();
    const conditions = [`namespace = ${parameters.add(scope.namespace)}`, `embedding_model = ${parameters.add(scope.embeddingModel)}`];
    if (scope.agents) conditions.push(`agent = ANY(${parameters.add([...scope.agents])}::text[])`);
    // The scope's vectors come over as bytes and are ranked here (cosine-ranking.ts); then the k rows are read.
    const vectors = await rows<{ id: number; embedding: Buffer }>(this.pool, `SELECT id, embedding FROM memories ${whereSql(conditions)}`, parameters.values);
    const nearest = nearestByCosine(query, vectors, Math.min(k, vectorSearchMaxK));
    if (nearest.length === 0) return [];
    const found = await rows<MemoryRow>(this.pool, `SELECT ${memoryColumns} FROM memories WHERE id = ANY($1::bigint[])`, [nearest.map((match) => match.id)]);
    const byId = new Map(found.map((row) => [row.id, toRecord(row)]));
    return nearest.flatMap((match) => {
      const memory = byId.get(match.id);
      return memory ? [{ memory, distance: match.distance }] : [];
    });
  }

  /** Counts one more access of each memory, at `at`. */
  async touch(ids: readonly number[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query('UPDATE memories SET access_count = access_count + 1, last_accessed_at = $1 WHERE id = ANY($2::bigint[])', [at, [...ids]]);
  }

  /** Newest first. */
  async list(options: MemoryListOptions = {}): Promise<MemoryRecord[]> {
    const parameters = new SqlParameters();
    const where = whereSql(scopeConditions(options, parameters));
    const sql = `SELECT ${memoryColumns} FROM memories ${where} ORDER BY created_at DESC, id DESC LIMIT ${parameters.add(options.limit ?? defaultListLimit)} OFFSET ${parameters.add(options.offset ?? 0)}`;
    return (await rows<MemoryRow>(this.pool, sql, parameters.values)).map(toRecord);
  }

  async count(options: Pick<MemoryListOptions, 'namespace' | 'agent'> = {}): Promise<number> {
    const parameters = new SqlParameters();
    const [row] = await rows<{ count: number }>(this.pool, `SELECT COUNT(*) AS count FROM memories ${whereSql(scopeConditions(options, parameters))}`, parameters.values);
    return row?.count ?? 0;
  }

  /** Removes the matching memories; named ids that do not exist throw AGENTLAB_MEMORY_NOT_FOUND and nothing is removed. */
  async forget(filter: MemoryForgetFilter): Promise<number> {
    if (filter.ids === undefined && filter.namespace === undefined && filter.agent === undefined) throw new Error('forget needs ids, a namespace or an agent');
    if (filter.ids && filter.ids.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      const parameters = new SqlParameters();
      const conditions = scopeConditions(filter, parameters);
      if (filter.ids) conditions.push(`id = ANY(${parameters.add([...filter.ids])}::bigint[])`);
      const removed = await rows<{ id: number }>(client, `DELETE FROM memories ${whereSql(conditions)} RETURNING id`, parameters.values);
      if (filter.ids) {
        const found = new Set(removed.map((row) => row.id));
        const missing = filter.ids.find((id) => !found.has(id));
        // Thrown inside the transaction, so what was deleted comes back.
        if (missing !== undefined) throw memoryNotFound(missing);
      }
      return removed.length;
    });
  }
}
