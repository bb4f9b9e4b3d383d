// A family of sqlite-vec `vec0` tables, one per vector size (`memory_vectors_256`, …), holding one
// cosine-distance vector per row of its owner table plus the metadata columns KNN queries filter on
// (vec0 applies those filters during the search, so k nearest means k nearest that match).
// Table and column names come from this code, never from input; sizes are checked integers.
import type { Database, Statement } from 'better-sqlite3';
import { vectorSearchMaxK } from './constants.js';

export interface VectorIndexShape {
  /** Table names are `${prefix}_${dimensions}`. */
  prefix: string;
  /** The primary key column: the owner row's id. */
  idColumn: string;
  /** Metadata columns, with their vec0 types; every insert gives each one a value. */
  metadata: Readonly<Record<string, 'text' | 'integer'>>;
}

export type MetadataValue = string | number;

/** `column IN (values)` for each entry; one value is `column = value`. */
export type MetadataFilter = Readonly<Record<string, MetadataValue | readonly MetadataValue[]>>;

export interface VectorMatch {
  id: number;
  /** Cosine distance, 0 (same direction) to 2 (opposite). */
  distance: number;
}

export class VectorIndex {
  private readonly database: Database;
  private readonly shape: VectorIndexShape;
  private readonly inserts = new Map<number, Statement>();
  private readonly deletes = new Map<number, Statement>();

  constructor(database: Database, shape: VectorIndexShape) {
    this.database = database;
    this.shape = shape;
  }

  tableName(dimensions: number): string {
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`vector size ${dimensions} is not a whole number of at least 1`);
    return `${this.shape.prefix}_${dimensions}`;
  }

  /**
   * Whether vectors of this size have a table yet (none means no rows of that size were ever written).
   * Asked of the schema each time, not cached: a transaction that made the table may have rolled back.
   */
  exists(dimensions: number): boolean {
    return this.database.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(this.tableName(dimensions)) !== undefined;
  }

  /** Inside the caller's transaction, so a row and its vector are written together or not at all. */
  insert(id: number, embedding: Float32Array, metadata: Readonly<Record<string, MetadataValue>>): void {
    const dimensions = embedding.length;
    this.ensure(dimensions);
    let statement = this.inserts.get(dimensions);
    if (!statement) {
      const columns = [this.shape.idColumn, 'embedding', ...Object.keys(this.shape.metadata)];
      statement = this.database.prepare(`INSERT INTO ${this.tableName(dimensions)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      this.inserts.set(dimensions, statement);
    }
    const values = Object.keys(this.shape.metadata).map((column) => this.bindable(column, metadata[column]!));
    statement.run(BigInt(id), vectorBlob(embedding), ...values);
  }

  remove(id: number, dimensions: number): void {
    if (!this.exists(dimensions)) return;
    let statement = this.deletes.get(dimensions);
    if (!statement) {
      statement = this.database.prepare(`DELETE FROM ${this.tableName(dimensions)} WHERE ${this.shape.idColumn} = ?`);
      this.deletes.set(dimensions, statement);
    }
    statement.run(BigInt(id));
  }

  /** Sets one metadata column of one row, e.g. when an episode gets its lesson. */
  setMetadata(id: number, dimensions: number, column: string, value: MetadataValue): void {
    if (!(column in this.shape.metadata)) throw new Error(`${this.shape.prefix} has no metadata column ${column}`);
    if (!this.exists(dimensions)) return;
    this.database.prepare(`UPDATE ${this.tableName(dimensions)} SET ${column} = ? WHERE ${this.shape.idColumn} = ?`).run(this.bindable(column, value), BigInt(id));
  }

  /** The k rows nearest the query among those matching the filter, nearest first. */
  nearest(query: Float32Array, k: number, filter: MetadataFilter): VectorMatch[] {
    const dimensions = query.length;
    if (!this.exists(dimensions) || k < 1) return [];
    const conditions: string[] = [];
    const values: Array<string | bigint> = [];
    for (const [column, wanted] of Object.entries(filter)) {
      if (!(column in this.shape.metadata)) throw new Error(`${this.shape.prefix} has no metadata column ${column}`);
      const list = Array.isArray(wanted) ? (wanted as readonly MetadataValue[]) : [wanted as MetadataValue];
      if (list.length === 0) return [];
      conditions.push(list.length === 1 ? `${column} = ?` : `${column} IN (${list.map(() => '?').join(', ')})`);
      values.push(...list.map((value) => this.bindable(column, value)));
    }
    const sql =
      `SELECT ${this.shape.idColumn} AS id, distance FROM ${this.tableName(dimensions)} ` +
      `WHERE embedding MATCH ? AND k = ?${conditions.map((condition) => ` AND ${condition}`).join('')} ORDER BY distance`;
    const rows = this.database.prepare(sql).all(vectorBlob(query), Math.min(k, vectorSearchMaxK), ...values) as Array<{ id: number | bigint; distance: number }>;
    return rows.map((row) => ({ id: Number(row.id), distance: row.distance }));
  }

  /**
   * vec0 takes only integers for ids and integer columns, and better-sqlite3 binds every JS number as a
   * real, so integers go as BigInt.
   */
  private bindable(column: string, value: MetadataValue): string | bigint {
    if (this.shape.metadata[column] === 'integer') return BigInt(value);
    return String(value);
  }

  private ensure(dimensions: number): void {
    if (this.exists(dimensions)) return;
    const metadata = Object.entries(this.shape.metadata).map(([column, type]) => `${column} ${type}`);
    this.database.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${this.tableName(dimensions)} USING vec0(` +
        `${this.shape.idColumn} INTEGER PRIMARY KEY, embedding float[${dimensions}] distance_metric=cosine, ${metadata.join(', ')})`,
    );
    this.inserts.delete(dimensions);
    this.deletes.delete(dimensions);
  }
}

/** The little-endian float32 bytes vec0 reads, without copying the vector. */
function vectorBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
