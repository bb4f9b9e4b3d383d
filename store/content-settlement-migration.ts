// Schema version 12: a review's settlement is not a new piece. When a reviewer accepts a piece,
// content/'s settler publishes it and records a `published` run carrying the review's id (no cost,
// no claims, no stages); migration 11's trigger counted it as one more piece published. From here
// the daily totals file such a run (`published` or `ready` with a review_id) under the status
// `settled`, which the report leaves out of its pieces (the piece was counted when it was sent to
// review, and as published after review by its review's decision); the totals are summed again.
import { addStageLatencies, addWorkerTotals, dayTotalsOf, finishDay, runColumns } from './content-totals-migration.js';
import type { Migration } from './migrations.js';

function statusOf(row: 'NEW' | 'content_runs'): string {
  return `CASE WHEN ${row}.review_id IS NOT NULL AND ${row}.status IN ('published', 'ready') THEN 'settled' ELSE ${row}.status END`;
}

export const contentSettlementMigration: Migration = {
  version: 12,
  description: "content totals: a review's settlement (a published run with a review id) under the status settled, not as another piece",
  sql: `
    DROP TRIGGER content_runs_totals_insert;
    DELETE FROM content_day_totals;
    INSERT INTO content_day_totals (day, status, ${runColumns.join(', ')})
      SELECT ${finishDay('content_runs')} AS day, ${statusOf('content_runs')} AS outcome, ${dayTotalsOf('content_runs').map((value) => `SUM(${value})`).join(', ')}
      FROM content_runs GROUP BY day, outcome;

    CREATE TRIGGER content_runs_totals_insert AFTER INSERT ON content_runs BEGIN
      INSERT INTO content_day_totals (day, status, ${runColumns.join(', ')})
        VALUES (${finishDay('NEW')}, ${statusOf('NEW')}, ${dayTotalsOf('NEW').join(', ')})
        ON CONFLICT (day, status) DO UPDATE SET ${runColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};
      ${addWorkerTotals}
      ${addStageLatencies}
    END;
  `,
};
