// The dataset_cases table on PostgreSQL: a dataset's case definitions, written once per dataset hash
// (one multi-row insert; a concurrent writer of the same hash adds nothing twice) and read by the pages.
import type { CaseDefinition } from '../records.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';

export class PostgresDatasetCaseTable {
  constructor(private readonly database: Queryable) {}

  /** Writes the cases of a dataset unless its hash already has them: one read for a dataset seen before. */
  async record(datasetHash: string, cases: readonly CaseDefinition[]): Promise<void> {
    if ((await rows(this.database, 'SELECT 1 FROM dataset_cases WHERE dataset_hash = $1 LIMIT 1', [datasetHash])).length > 0) return;
    if (cases.length === 0) return;
    await this.database.query(
      `INSERT INTO dataset_cases (dataset_hash, case_id, definition)
       SELECT $1, case_id, definition FROM unnest($2::text[], $3::text[]) AS given (case_id, definition)
       ON CONFLICT (dataset_hash, case_id) DO NOTHING`,
      [datasetHash, cases.map((definition) => definition.id), cases.map((definition) => JSON.stringify(definition))],
    );
  }

  async get(datasetHash: string, caseId: string): Promise<CaseDefinition | undefined> {
    const [row] = await rows<{ definition: string }>(this.database, 'SELECT definition FROM dataset_cases WHERE dataset_hash = $1 AND case_id = $2', [datasetHash, caseId]);
    return row === undefined ? undefined : (JSON.parse(row.definition) as CaseDefinition);
  }

  async getMany(datasetHash: string, caseIds: readonly string[]): Promise<Map<string, CaseDefinition>> {
    const found = await rows<{ case_id: string; definition: string }>(
      this.database,
      'SELECT case_id, definition FROM dataset_cases WHERE dataset_hash = $1 AND case_id = ANY($2::text[])',
      [datasetHash, [...new Set(caseIds)]],
    );
    return new Map(found.map((row) => [row.case_id, JSON.parse(row.definition) as CaseDefinition]));
  }
}
