// Schema version 14: spend by service per UTC day of the traces' start, kept by triggers on `traces`
// (a new trace adds to its day, a trace that grows moves its old figures out and its new ones in,
// even to another day or service when an earlier span or its root arrives), and summed from the
// traces already stored. The costs page reads these rows for a period's whole days and the traces
// themselves only for its partial edge days (trace-day-totals.ts): a year is 365 rows per service,
// not 146,000 traces.
import type { Migration } from './migrations.js';
import { traceDayContributions, traceDayTotalColumns, utcDaySql } from './trace-day-totals.js';

const columns = traceDayTotalColumns.join(', ');
const key = (row: 'NEW' | 'OLD') => `day = ${utcDaySql(`${row}.start_time_ms`)} AND service_name = ${row}.service_name`;

const addNew = `INSERT INTO trace_day_totals (day, service_name, ${columns})
    VALUES (${utcDaySql('NEW.start_time_ms')}, NEW.service_name, ${traceDayContributions('NEW').join(', ')})
    ON CONFLICT (day, service_name) DO UPDATE SET ${traceDayTotalColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};`;

const subtractOld = `UPDATE trace_day_totals SET ${traceDayTotalColumns.map((column, index) => `${column} = ${column} - (${traceDayContributions('OLD')[index]})`).join(', ')}
    WHERE ${key('OLD')};`;

/** A trace that stays on its day and service (most updates: more spans of it arrive) changes its row in place. */
const changeInPlace = `UPDATE trace_day_totals SET ${traceDayTotalColumns
  .map((column, index) => `${column} = ${column} + (${traceDayContributions('NEW')[index]}) - (${traceDayContributions('OLD')[index]})`)
  .join(', ')}
    WHERE ${key('NEW')};`;

const sameKey = `${utcDaySql('OLD.start_time_ms')} = ${utcDaySql('NEW.start_time_ms')} AND OLD.service_name = NEW.service_name`;

export const traceDayTotalsMigration: Migration = {
  version: 14,
  description: 'spend by service per UTC day of the traces, kept by triggers on traces, for the costs page',
  sql: `
    CREATE TABLE trace_day_totals (
      -- Days since the epoch (UTC) of the traces' start.
      day INTEGER NOT NULL,
      service_name TEXT NOT NULL,
      traces INTEGER NOT NULL,
      model_calls INTEGER NOT NULL,
      input_tokens REAL NOT NULL,
      output_tokens REAL NOT NULL,
      -- USD over the traces whose cost is known; priced_traces says whether any was.
      cost_usd REAL NOT NULL,
      priced_traces INTEGER NOT NULL,
      unpriced_model_calls INTEGER NOT NULL,
      PRIMARY KEY (day, service_name)
    ) WITHOUT ROWID;

    INSERT INTO trace_day_totals (day, service_name, ${columns})
      SELECT ${utcDaySql('traces.start_time_ms')} AS trace_day, service_name, ${traceDayContributions('traces').map((value) => `TOTAL(${value})`).join(', ')}
      FROM traces GROUP BY trace_day, service_name;

    CREATE TRIGGER traces_day_totals_insert AFTER INSERT ON traces BEGIN
      ${addNew}
    END;
    CREATE TRIGGER traces_day_totals_update_in_place AFTER UPDATE ON traces WHEN ${sameKey} BEGIN
      ${changeInPlace}
    END;
    CREATE TRIGGER traces_day_totals_update_moved AFTER UPDATE ON traces WHEN NOT (${sameKey}) BEGIN
      ${subtractOld}
      ${addNew}
    END;
    CREATE TRIGGER traces_day_totals_delete AFTER DELETE ON traces BEGIN
      ${subtractOld}
    END;
  `,
};
