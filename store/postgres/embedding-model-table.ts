// The embedding_models table on PostgreSQL: the vector size each embedding model gave first; every
// later vector of that model must have it (store/embedding-model-table.ts).
import { embeddingDimensionsMismatch } from '../memory-errors.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';

export class PostgresEmbeddingModelTable {
  constructor(private readonly database: Queryable) {}

  async dimensionsOf(model: string): Promise<number | undefined> {
    const [row] = await rows<{ dimensions: number }>(this.database, 'SELECT dimensions FROM embedding_models WHERE model = $1', [model]);
    return row?.dimensions;
  }

  /** Records the size on first sight (two writers at once record one); throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH for a different one. */
  async register(model: string, dimensions: number): Promise<void> {
    await this.database.query('INSERT INTO embedding_models (model, dimensions) VALUES ($1, $2) ON CONFLICT (model) DO NOTHING', [model, dimensions]);
    const stored = await this.dimensionsOf(model);
    if (stored !== undefined && stored !== dimensions) throw embeddingDimensionsMismatch(model, dimensions, stored);
  }
}
