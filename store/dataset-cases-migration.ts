// Schema version 6: the case definitions of every dataset a run used (goal, expected tools and
// arguments, output checks, budgets), once per dataset hash, so the report can show what a case
// asked for next to its verdict even after the dataset file has changed or gone.
// Runs stored before it have no definitions; their pages say so.
import type { Migration } from './migrations.js';

export const datasetCasesMigration: Migration = {
  version: 6,
  description: 'the case definitions of each dataset, by dataset hash and case id',
  sql: `
    CREATE TABLE dataset_cases (
      dataset_hash TEXT NOT NULL,
      case_id TEXT NOT NULL,
      -- The validated case as JSON (GoldenCase).
      definition TEXT NOT NULL,
      PRIMARY KEY (dataset_hash, case_id)
    ) WITHOUT ROWID;
  `,
};
