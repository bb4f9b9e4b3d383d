// The memories table and its vector index (`memory_vectors_<size>`, sqlite-vec vec0, cosine): a
// memory's row and its vector are written in one transaction, so the store never holds one without
// the other; forgetting removes both the same way. sqlite-vec is loaded into the connection the
// first time any of this is used.
import type { Database, Statement } from 'better-sqlite3';
import { EmbeddingModelTable } from './embedding-model-table.js';
import { storeClosed } from './errors.js';
import type { MemoryForgetFilter, MemoryInput, MemoryListOptions, MemoryMatch, MemoryRecord, MemorySearchScope } from './memory-records.js';
import { memoryNotFound } from './memory-errors.js';
import { prepareVectorSearch } from './vector-extension.js';
import { VectorIndex } from './vector-index.js';

/** A record as SQLite gives it back: a missing run id is null. */
export type MemoryRow = Omit<MemoryRecord, 'runId'> & { runId: string | null };

const memoryColumns =
  'id, namespace, agent, content, embedding_model AS embeddingModel, created_at AS createdAt, ' +
  'last_accessed_at AS lastAccessedAt, access_count AS accessCount, run_id AS runId';

const defaultListLimit = 100;

export function toRecord(row: MemoryRow): MemoryRecord {
  const { runId, ...rest } = row;
  return runId === null ? rest : { ...rest, runId };
}

export class MemoryTable {
  private readonly database: Database;
  private readonly path: string;
  private readonly embeddingModels: EmbeddingModelTable;
  private readonly vectors: VectorIndex;
  private readonly insertRow: Statement;
  private readonly selectById: Statement<[number]>;
  private readonly touchRow: Statement<[number, number]>;

  constructor(database: Database, path: string) {
    this.database = database;
    this.path = path;
    this.embeddingModels = new EmbeddingModelTable(database);
    this.vectors = new VectorIndex(database, {
      prefix: 'memory_vectors',
      idColumn: 'memory_id',
      metadata: { namespace: 'text', agent: 'text', embedding_model: 'text' },
    });
    this.insertRow = database.prepare(
      'INSERT INTO memories (namespace, agent, content, embedding_model, created_at, last_accessed_at, access_count, run_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
    );
    this.selectById = database.prepare(`SELECT ${memoryColumns} FROM memories WHERE id = ?`);
    this.touchRow = database.prepare('UPDATE memories SET access_count = access_count + 1, last_accessed_at = ? WHERE id = ?');
  }

  /** The vector size of the embedding model's stored vectors; undefined when it has none. */
  dimensionsOf(embeddingModel: string): number | undefined {
    this.assertOpen();
    return this.embeddingModels.dimensionsOf(embeddingModel);
  }

  /** Writes the memory and its vector in one transaction. Throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH. */
  add(memory: MemoryInput): MemoryRecord {
    return this.get(this.addMany([memory])[0]!)!;
  }

  /** Writes every memory and its vector in one transaction, all or none (an import, a benchmark's fill); returns their ids. */
  addMany(memories: readonly MemoryInput[]): number[] {
    this.prepare();
    return this.database.transaction(() =>
      memories.map((memory) => {
        this.embeddingModels.register(memory.embeddingModel, memory.embedding.length);
        const { lastInsertRowid } = this.insertRow.run(
          memory.namespace,
          memory.agent,
          memory.content,
          memory.embeddingModel,
          memory.createdAt,
          memory.createdAt,
          memory.runId ?? null,
        );
        const id = Number(lastInsertRowid);
        this.vectors.insert(id, memory.embedding, { namespace: memory.namespace, agent: memory.agent, embedding_model: memory.embeddingModel });
        return id;
      }),
    )();
  }

  get(id: number): MemoryRecord | undefined {
    this.assertOpen();
    const row = this.selectById.get(id) as MemoryRow | undefined;
    return row && toRecord(row);
  }

  /** The k memories in scope whose vectors are nearest the query (same embedding model), nearest first. */
  nearest(query: Float32Array, k: number, scope: MemorySearchScope): MemoryMatch[] {
    this.prepare();
    if (this.embeddingModels.dimensionsOf(scope.embeddingModel) !== query.length) return [];
    const matches = this.vectors.nearest(query, k, {
      namespace: scope.namespace,
      embedding_model: scope.embeddingModel,
      ...(scope.agents ? { agent: scope.agents } : {}),
    });
    if (matches.length === 0) return [];
    const rows = this.database
      .prepare(`SELECT ${memoryColumns} FROM memories WHERE id IN (${matches.map(() => '?').join(', ')})`)
      .all(...matches.map((match) => match.id)) as MemoryRow[];
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return matches.flatMap((match) => {
      const memory = byId.get(match.id);
      return memory ? [{ memory, distance: match.distance }] : [];
    });
  }

  /** Counts one more access of each memory, at `at`. */
  touch(ids: readonly number[], at: number): void {
    this.assertOpen();
    this.database.transaction(() => {
      for (const id of ids) this.touchRow.run(at, id);
    })();
  }

  /** Newest first. */
  list(options: MemoryListOptions = {}): MemoryRecord[] {
    this.assertOpen();
    const { where, values } = scopeConditions(options);
    const rows = this.database
      .prepare(`SELECT ${memoryColumns} FROM memories${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...values, options.limit ?? defaultListLimit, options.offset ?? 0) as MemoryRow[];
    return rows.map(toRecord);
  }

  count(options: Pick<MemoryListOptions, 'namespace' | 'agent'> = {}): number {
    this.assertOpen();
    const { where, values } = scopeConditions(options);
    return this.database.prepare(`SELECT count(*) FROM memories${where}`).pluck().get(...values) as number;
  }

  /**
   * Removes the matching memories and their vectors in one transaction; returns how many. Named ids
   * that do not exist throw AGENTLAB_MEMORY_NOT_FOUND and nothing is removed.
   */
  forget(filter: MemoryForgetFilter): number {
    this.prepare();
    if (filter.ids === undefined && filter.namespace === undefined && filter.agent === undefined) {
      throw new Error('forget needs ids, a namespace or an agent');
    }
    return this.database.transaction(() => {
      const { where, values } = scopeConditions(filter);
      const conditions = where === '' ? [] : [where.replace(/^ WHERE /, '')];
      if (filter.ids) {
        if (filter.ids.length === 0) return 0;
        conditions.push(`memories.id IN (${filter.ids.map(() => '?').join(', ')})`);
        values.push(...filter.ids);
      }
      const rows = this.database
        .prepare(
          `SELECT memories.id AS id, embedding_models.dimensions AS dimensions FROM memories ` +
            `JOIN embedding_models ON embedding_models.model = memories.embedding_model WHERE ${conditions.join(' AND ')}`,
        )
        .all(...values) as Array<{ id: number; dimensions: number }>;
      if (filter.ids) {
        const found = new Set(rows.map((row) => row.id));
        const missing = filter.ids.find((id) => !found.has(id));
        if (missing !== undefined) throw memoryNotFound(missing);
      }
      const deleteRow = this.database.prepare('DELETE FROM memories WHERE id = ?');
      for (const row of rows) {
        this.vectors.remove(row.id, row.dimensions);
        deleteRow.run(row.id);
      }
      return rows.length;
    })();
  }

  private prepare(): void {
    this.assertOpen();
    prepareVectorSearch(this.database, this.path);
  }

  private assertOpen(): void {
    if (!this.database.open) throw storeClosed(this.path);
  }
}

function scopeConditions(options: { namespace?: string; agent?: string }): { where: string; values: Array<string | number> } {
  const conditions: string[] = [];
  const values: Array<string | number> = [];
  if (options.namespace !== undefined) {
    conditions.push('memories.namespace = ?');
    values.push(options.namespace);
  }
  if (options.agent !== undefined) {
    conditions.push('memories.agent = ?');
    values.push(options.agent);
  }
  return { where: conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`, values };
}
