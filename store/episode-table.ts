// The episodes table and its vector index on the goal's embedding (`episode_vectors_<size>`,
// sqlite-vec vec0, cosine). An episode's row and vector are written in one transaction; its lesson,
// set later, is copied into the index's metadata so "episodes with lessons only" is filtered during
// the search rather than after it.
import type { Database, Statement } from 'better-sqlite3';
import { EmbeddingModelTable } from './embedding-model-table.js';
import { storeClosed } from './errors.js';
import { episodeNotFound } from './memory-errors.js';
import type { EpisodeInput, EpisodeListOptions, EpisodeMatch, EpisodeRecord, EpisodeSearchScope } from './memory-records.js';
import { prepareVectorSearch } from './vector-extension.js';
import { VectorIndex } from './vector-index.js';

/** A record as SQLite gives it back: the missing optional fields are null. */
export type EpisodeRow = Omit<EpisodeRecord, 'runId' | 'traceId' | 'lesson'> & { runId: string | null; traceId: string | null; lesson: string | null };

const episodeColumns =
  'id, namespace, agent, model, run_id AS runId, trace_id AS traceId, goal, steps, outcome, output, lesson, ' +
  'embedding_model AS embeddingModel, created_at AS createdAt';

const defaultListLimit = 100;

export function toRecord(row: EpisodeRow): EpisodeRecord {
  const { runId, traceId, lesson, ...rest } = row;
  return {
    ...rest,
    ...(runId === null ? {} : { runId }),
    ...(traceId === null ? {} : { traceId }),
    ...(lesson === null ? {} : { lesson }),
  };
}

export class EpisodeTable {
  private readonly database: Database;
  private readonly path: string;
  private readonly embeddingModels: EmbeddingModelTable;
  private readonly vectors: VectorIndex;
  private readonly insertRow: Statement;
  private readonly selectById: Statement<[number]>;

  constructor(database: Database, path: string) {
    this.database = database;
    this.path = path;
    this.embeddingModels = new EmbeddingModelTable(database);
    this.vectors = new VectorIndex(database, {
      prefix: 'episode_vectors',
      idColumn: 'episode_id',
      metadata: { namespace: 'text', agent: 'text', embedding_model: 'text', has_lesson: 'integer' },
    });
    this.insertRow = database.prepare(
      'INSERT INTO episodes (namespace, agent, model, run_id, trace_id, goal, steps, outcome, output, lesson, embedding_model, created_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectById = database.prepare(`SELECT ${episodeColumns} FROM episodes WHERE id = ?`);
  }

  dimensionsOf(embeddingModel: string): number | undefined {
    this.assertOpen();
    return this.embeddingModels.dimensionsOf(embeddingModel);
  }

  /** Writes the episode and its goal's vector in one transaction. Throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH. */
  add(episode: EpisodeInput): EpisodeRecord {
    this.prepare();
    const id = this.database.transaction(() => {
      this.embeddingModels.register(episode.embeddingModel, episode.embedding.length);
      const { lastInsertRowid } = this.insertRow.run(
        episode.namespace,
        episode.agent,
        episode.model,
        episode.runId ?? null,
        episode.traceId ?? null,
        episode.goal,
        episode.steps,
        episode.outcome,
        episode.output,
        episode.lesson ?? null,
        episode.embeddingModel,
        episode.createdAt,
      );
      const id = Number(lastInsertRowid);
      this.vectors.insert(id, episode.embedding, {
        namespace: episode.namespace,
        agent: episode.agent,
        embedding_model: episode.embeddingModel,
        has_lesson: episode.lesson === undefined ? 0 : 1,
      });
      return id;
    })();
    return this.get(id)!;
  }

  get(id: number): EpisodeRecord | undefined {
    this.assertOpen();
    const row = this.selectById.get(id) as EpisodeRow | undefined;
    return row && toRecord(row);
  }

  /** Sets (or with undefined clears) the lesson, in the row and the index. Throws AGENTLAB_EPISODE_NOT_FOUND. */
  setLesson(id: number, lesson: string | undefined): EpisodeRecord {
    this.prepare();
    this.database.transaction(() => {
      const row = this.database
        .prepare('SELECT embedding_models.dimensions FROM episodes JOIN embedding_models ON embedding_models.model = episodes.embedding_model WHERE episodes.id = ?')
        .pluck()
        .get(id) as number | undefined;
      if (row === undefined) throw episodeNotFound(id);
      this.database.prepare('UPDATE episodes SET lesson = ? WHERE id = ?').run(lesson ?? null, id);
      this.vectors.setMetadata(id, row, 'has_lesson', lesson === undefined ? 0 : 1);
    })();
    return this.get(id)!;
  }

  /** The k episodes in scope whose goals' vectors are nearest the query, nearest first. */
  nearest(query: Float32Array, k: number, scope: EpisodeSearchScope): EpisodeMatch[] {
    this.prepare();
    if (this.embeddingModels.dimensionsOf(scope.embeddingModel) !== query.length) return [];
    const matches = this.vectors.nearest(query, k, {
      namespace: scope.namespace,
      embedding_model: scope.embeddingModel,
      ...(scope.agent === undefined ? {} : { agent: scope.agent }),
      ...(scope.withLessonsOnly ? { has_lesson: 1 } : {}),
    });
    if (matches.length === 0) return [];
    const rows = this.database
      .prepare(`SELECT ${episodeColumns} FROM episodes WHERE id IN (${matches.map(() => '?').join(', ')})`)
      .all(...matches.map((match) => match.id)) as EpisodeRow[];
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return matches.flatMap((match) => {
      const episode = byId.get(match.id);
      return episode ? [{ episode, distance: match.distance }] : [];
    });
  }

  /** Newest first. */
  list(options: EpisodeListOptions = {}): EpisodeRecord[] {
    this.assertOpen();
    const conditions: string[] = [];
    const values: Array<string | number> = [];
    if (options.namespace !== undefined) {
      conditions.push('namespace = ?');
      values.push(options.namespace);
    }
    if (options.agent !== undefined) {
      conditions.push('agent = ?');
      values.push(options.agent);
    }
    if (options.withLessonsOnly) conditions.push('lesson IS NOT NULL');
    const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
    const rows = this.database
      .prepare(`SELECT ${episodeColumns} FROM episodes${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...values, options.limit ?? defaultListLimit, options.offset ?? 0) as EpisodeRow[];
    return rows.map(toRecord);
  }

  /**
   * Removes the episodes and their vectors in one transaction; returns how many. An id it does not
   * hold throws AGENTLAB_EPISODE_NOT_FOUND and nothing is removed.
   */
  forget(ids: readonly number[]): number {
    this.prepare();
    return this.database.transaction(() => {
      const dimensionsOf = this.database
        .prepare('SELECT embedding_models.dimensions FROM episodes JOIN embedding_models ON embedding_models.model = episodes.embedding_model WHERE episodes.id = ?')
        .pluck();
      const found = ids.map((id) => {
        const dimensions = dimensionsOf.get(id) as number | undefined;
        if (dimensions === undefined) throw episodeNotFound(id);
        return { id, dimensions };
      });
      const deleteRow = this.database.prepare('DELETE FROM episodes WHERE id = ?');
      for (const { id, dimensions } of found) {
        this.vectors.remove(id, dimensions);
        deleteRow.run(id);
      }
      return found.length;
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
