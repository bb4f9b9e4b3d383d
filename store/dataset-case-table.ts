// The dataset_cases table: a dataset's case definitions, written once per dataset hash when a run
// starts (later runs on the same bytes write nothing new) and read by the report pages.
import type { Database, Statement } from 'better-sqlite3';
import type { CaseDefinition } from './records.js';

export class DatasetCaseTable {
  private readonly insert: Statement<[string, string, string]>;
  private readonly hasAny: Statement<[string]>;
  private readonly selectOne: Statement<[string, string]>;
  private readonly selectMany: Statement<[string, string]>;
  private readonly database: Database;

  constructor(database: Database) {
    this.database = database;
    this.insert = database.prepare('INSERT OR IGNORE INTO dataset_cases (dataset_hash, case_id, definition) VALUES (?, ?, ?)');
    this.hasAny = database.prepare('SELECT 1 FROM dataset_cases WHERE dataset_hash = ? LIMIT 1').pluck();
    this.selectOne = database.prepare('SELECT definition FROM dataset_cases WHERE dataset_hash = ? AND case_id = ?').pluck();
    this.selectMany = database.prepare('SELECT case_id AS caseId, definition FROM dataset_cases WHERE dataset_hash = ? AND case_id IN (SELECT value FROM json_each(?))');
  }

  /** Writes the cases of a dataset unless its hash already has them: one read for a dataset seen before. */
  record(datasetHash: string, cases: readonly CaseDefinition[]): void {
    if (this.hasAny.get(datasetHash) !== undefined) return;
    this.database.transaction(() => {
      for (const definition of cases) this.insert.run(datasetHash, definition.id, JSON.stringify(definition));
    })();
  }

  get(datasetHash: string, caseId: string): CaseDefinition | undefined {
    const definition = this.selectOne.get(datasetHash, caseId) as string | undefined;
    return definition === undefined ? undefined : (JSON.parse(definition) as CaseDefinition);
  }

  /** The definitions of the given case ids, in one prepared statement (the ids go in as a JSON list). */
  getMany(datasetHash: string, caseIds: readonly string[]): Map<string, CaseDefinition> {
    const rows = this.selectMany.all(datasetHash, JSON.stringify([...new Set(caseIds)])) as { caseId: string; definition: string }[];
    return new Map(rows.map((row) => [row.caseId, JSON.parse(row.definition) as CaseDefinition]));
  }
}
