// The episodes table on PostgreSQL: each episode's row holds its goal's vector; a search ranks the
// episodes in scope (namespace, embedding model, agent, with a lesson) by cosine distance in SQL.
// The answers are store/episode-table.ts's.
import { vectorSearchMaxK } from '../constants.js';
import type { EpisodeRow, EpisodeTable } from '../episode-table.js';
import { toRecord } from '../episode-table.js';
import { episodeNotFound } from '../memory-errors.js';
import type { EpisodeInput, EpisodeListOptions, EpisodeMatch, EpisodeRecord, EpisodeSearchScope } from '../memory-records.js';
import type { AsyncMethods } from '../store-backend.js';
import { PostgresEmbeddingModelTable } from './embedding-model-table.js';
import { inTransaction, rows } from './queryable.js';
import type { Connections } from './queryable.js';
import { nearestByCosine, vectorBytes } from './cosine-ranking.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

const episodeColumns =
  'id, namespace, agent, model, run_id AS "runId", trace_id AS "traceId", goal, steps, outcome, output, lesson, ' +
  'embedding_model AS "embeddingModel", created_at AS "createdAt"';

const defaultListLimit = 100;

export class PostgresEpisodeTable implements AsyncMethods<EpisodeTable> {
  private readonly embeddingModels: PostgresEmbeddingModelTable;

  constructor(private readonly pool: Connections) {
    this.embeddingModels = new PostgresEmbeddingModelTable(pool);
  }

  dimensionsOf(embeddingModel: string): Promise<number | undefined> {
    return this.embeddingModels.dimensionsOf(embeddingModel);
  }

  /** Writes the episode with its goal's vector. Throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH, writing nothing. */
  async add(episode: EpisodeInput): Promise<EpisodeRecord> {
    const id = await inTransaction(this.pool, async (client) => {
      await new PostgresEmbeddingModelTable(client).register(episode.embeddingModel, episode.embedding.length);
      const [row] = await rows<{ id: number }>(
        client,
        `INSERT INTO episodes (namespace, agent, model, run_id, trace_id, goal, steps, outcome, output, lesson, embedding_model, embedding, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          episode.namespace, episode.agent, episode.model, episode.runId ?? null, episode.traceId ?? null, episode.goal, episode.steps, episode.outcome,
          episode.output, episode.lesson ?? null, episode.embeddingModel, vectorBytes(episode.embedding), episode.createdAt,
        ],
      );
      return row!.id;
    });
    return (await this.get(id))!;
  }

  async get(id: number): Promise<EpisodeRecord | undefined> {
    const [row] = await rows<EpisodeRow>(this.pool, `SELECT ${episodeColumns} FROM episodes WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  /** Sets (or with undefined clears) the lesson. Throws AGENTLAB_EPISODE_NOT_FOUND. */
  async setLesson(id: number, lesson: string | undefined): Promise<EpisodeRecord> {
    const result = await this.pool.query('UPDATE episodes SET lesson = $1 WHERE id = $2', [lesson ?? null, id]);
    if (result.rowCount === 0) throw episodeNotFound(id);
    return (await this.get(id))!;
  }

  /** The k episodes in scope whose goals' vectors are nearest the query, nearest first. */
  async nearest(query: Float32Array, k: number, scope: EpisodeSearchScope): Promise<EpisodeMatch[]> {
    if (k < 1) return [];
    if ((await this.embeddingModels.dimensionsOf(scope.embeddingModel)) !== query.length) return [];
    const parameters = new SqlParameters();
    const conditions = [`namespace = ${parameters.add(scope.namespace)}`, `embedding_model = ${parameters.add(scope.embeddingModel)}`];
    if (scope.agent !== undefined) conditions.push(`agent = ${parameters.add(scope.agent)}`);
    if (scope.withLessonsOnly) conditions.push('lesson IS NOT NULL');
    // The scope's vectors come over as bytes and are ranked here (cosine-ranking.ts); then the k rows are read.
    const vectors = await rows<{ id: number; embedding: Buffer }>(this.pool, `SELECT id, embedding FROM episodes ${whereSql(conditions)}`, parameters.values);
    const nearest = nearestByCosine(query, vectors, Math.min(k, vectorSearchMaxK));
    if (nearest.length === 0) return [];
    const found = await rows<EpisodeRow>(this.pool, `SELECT ${episodeColumns} FROM episodes WHERE id = ANY($1::bigint[])`, [nearest.map((match) => match.id)]);
    const byId = new Map(found.map((row) => [row.id, toRecord(row)]));
    return nearest.flatMap((match) => {
      const episode = byId.get(match.id);
      return episode ? [{ episode, distance: match.distance }] : [];
    });
  }

  /** Newest first. */
  async list(options: EpisodeListOptions = {}): Promise<EpisodeRecord[]> {
    const parameters = new SqlParameters();
    const conditions: string[] = [];
    if (options.namespace !== undefined) conditions.push(`namespace = ${parameters.add(options.namespace)}`);
    if (options.agent !== undefined) conditions.push(`agent = ${parameters.add(options.agent)}`);
    if (options.withLessonsOnly) conditions.push('lesson IS NOT NULL');
    const sql = `SELECT ${episodeColumns} FROM episodes ${whereSql(conditions)} ORDER BY created_at DESC, id DESC
      LIMIT ${parameters.add(options.limit ?? defaultListLimit)} OFFSET ${parameters.add(options.offset ?? 0)}`;
    return (await rows<EpisodeRow>(this.pool, sql, parameters.values)).map(toRecord);
  }

  /** Removes the episodes; an id it does not hold throws AGENTLAB_EPISODE_NOT_FOUND and nothing is removed. */
  async forget(ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      const removed = await rows<{ id: number }>(client, 'DELETE FROM episodes WHERE id = ANY($1::bigint[]) RETURNING id', [[...ids]]);
      const found = new Set(removed.map((row) => row.id));
      const missing = ids.find((id) => !found.has(id));
      if (missing !== undefined) throw episodeNotFound(missing);
      return removed.length;
    });
  }
}
