// The embedding_models table: the vector size each embedding model gave first. Every later vector
// of that model must have the same size, because vec0 compares only vectors of one size and
// vectors from one model are only comparable with each other.
import type { Database, Statement } from 'better-sqlite3';
import { embeddingDimensionsMismatch } from './memory-errors.js';

export class EmbeddingModelTable {
  private readonly select: Statement<[string]>;
  private readonly insert: Statement<[string, number]>;

  constructor(database: Database) {
    this.select = database.prepare('SELECT dimensions FROM embedding_models WHERE model = ?').pluck();
    this.insert = database.prepare('INSERT INTO embedding_models (model, dimensions) VALUES (?, ?)');
  }

  /** The vector size of the model's stored vectors; undefined when it has none yet. */
  dimensionsOf(model: string): number | undefined {
    return this.select.get(model) as number | undefined;
  }

  /** Records the size on first sight; throws AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH for a different one. */
  register(model: string, dimensions: number): void {
    const stored = this.dimensionsOf(model);
    if (stored === undefined) this.insert.run(model, dimensions);
    else if (stored !== dimensions) throw embeddingDimensionsMismatch(model, dimensions, stored);
  }
}
