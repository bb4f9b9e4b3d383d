// PostgreSQL schema version 7: spend by service per UTC day of the traces' start, as SQLite's version
// 14, kept by one trigger on `traces` (insert adds, update moves, delete takes away) and summed from the
// traces already stored. The day is computed by the same SQL on both backends (trace-day-totals.ts).
// Concurrent span writers add to one day's row under its row lock; the writes lock traces first (in
// trace id order), then these rows as the statement ends, and a deadlock left between two writers'
// rows of several days or services is retried by writeSpans.
import { traceDayContributions, traceDayTotalColumns, utcDaySql } from '../trace-day-totals.js';
import type { PostgresMigration } from './migrations.js';

const columns = traceDayTotalColumns.join(', ');
const key = (row: 'NEW' | 'OLD') => `day = ${utcDaySql(`${row}.start_time_ms`)} AND service_name = ${row}.service_name`;
const sameKey = `${utcDaySql('OLD.start_time_ms')} = ${utcDaySql('NEW.start_time_ms')} AND OLD.service_name = NEW.service_name`;

export const traceDayTotalsMigration: PostgresMigration = {
  version: 7,
  description: 'spend by service per UTC day of the traces, kept by a trigger on traces, for the costs page',
  sql: `
    CREATE TABLE trace_day_totals (
      -- Days since the epoch (UTC) of the traces' start.
      day bigint NOT NULL,
      service_name text COLLATE "C" NOT NULL,
      traces bigint NOT NULL,
      model_calls bigint NOT NULL,
      input_tokens double precision NOT NULL,
      output_tokens double precision NOT NULL,
      -- USD over the traces whose cost is known; priced_traces says whether any was.
      cost_usd double precision NOT NULL,
      priced_traces bigint NOT NULL,
      unpriced_model_calls bigint NOT NULL,
      PRIMARY KEY (day, service_name)
    );

    INSERT INTO trace_day_totals (day, service_name, ${columns})
      SELECT ${utcDaySql('traces.start_time_ms')} AS trace_day, service_name, ${traceDayContributions('traces').map((value) => `SUM(${value})`).join(', ')}
      FROM traces GROUP BY trace_day, service_name;

    CREATE FUNCTION traces_day_totals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF ${sameKey} THEN
          -- Most updates: more spans of a trace that stays on its day and service.
          UPDATE trace_day_totals SET ${traceDayTotalColumns
            .map((column, index) => `${column} = ${column} + (${traceDayContributions('NEW')[index]}) - (${traceDayContributions('OLD')[index]})`)
            .join(', ')}
          WHERE ${key('NEW')};
          RETURN NULL;
        END IF;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE trace_day_totals SET ${traceDayTotalColumns.map((column, index) => `${column} = ${column} - (${traceDayContributions('OLD')[index]})`).join(', ')}
        WHERE ${key('OLD')};
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO trace_day_totals (day, service_name, ${columns})
        VALUES (${utcDaySql('NEW.start_time_ms')}, NEW.service_name, ${traceDayContributions('NEW').join(', ')})
        ON CONFLICT (day, service_name) DO UPDATE SET ${traceDayTotalColumns.map((column) => `${column} = trace_day_totals.${column} + excluded.${column}`).join(', ')};
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER traces_day_totals AFTER INSERT OR UPDATE OR DELETE ON traces
      FOR EACH ROW EXECUTE FUNCTION traces_day_totals();
  `,
};
