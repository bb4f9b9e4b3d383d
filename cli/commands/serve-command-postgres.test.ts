// `agentlab serve` on a PostgreSQL store, as a team's CI would point it: the URL from
// AGENTLAB_STORE_URL or --store, the pages and the OTLP receiver answering from the database, the
// printed store never showing the password; a database that cannot be reached, or was written by a
// newer agentlab, stops the command with exit 2 before it listens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { contractBackends } from '../../store/contract/contract-backends.js';
import { caseResultRecord, runRecord } from '../../store/test-fixtures.js';
import { runCli } from '../main.js';
import { recordingContext, type RecordingContext } from '../test-support.js';

const [, postgres] = contractBackends();
let databaseUrl: string;

beforeAll(async () => {
  const store = await postgres!.open();
  // The test server trusts loopback, so the store's location (which never carries a password) opens it again.
  databaseUrl = store.location;
  await store.createRun(runRecord({ id: 'run-team-nightly', startedAt: Date.UTC(2026, 2, 3), status: 'running' }));
  await store.addCaseResult(caseResultRecord({ runId: 'run-team-nightly', caseId: 'capital-of-france' }));
  await store.finishRun('run-team-nightly', 'completed', Date.UTC(2026, 2, 3, 0, 5));
  await store.close();
}, 30_000);
afterAll(() => postgres!.dispose());

/** The URL with a password in it, which the server must never print. */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = 'hunter2-secret';
  return parsed.toString();
}

async function waitFor(context: RecordingContext, pattern: RegExp): Promise<RegExpExecArray> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const match = pattern.exec(context.output + context.errorOutput);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never printed ${pattern}: ${context.output}${context.errorOutput}`);
}

describe('agentlab serve on PostgreSQL', () => {
  it('serves the runs of the database AGENTLAB_STORE_URL names, receives OTLP into it, and never prints its password', async () => {
    const context = recordingContext({ env: { AGENTLAB_STORE_URL: withPassword(databaseUrl) } });
    const exit = runCli(['serve', '--port', '0'], context);
    const [, url] = await waitFor(context, /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//);
    expect(context.output).toContain(`(store ${databaseUrl})`);
    const page = await fetch(`${url}/runs/run-team`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('capital-of-france');
    const nanos = `${BigInt(Date.now()) * 1_000_000n}`;
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'chat gpt-4o-mini', startTimeUnixNano: nanos, endTimeUnixNano: nanos, attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }] };
    const posted = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }) });
    expect(posted.status).toBe(200);
    const traces = (await (await fetch(`${url}/api/traces`)).json()) as { traces: Array<{ traceId: string }> };
    expect(traces.traces.map((trace) => trace.traceId)).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736']);
    context.stop();
    expect(await exit).toBe(0);
    expect(context.output + context.errorOutput).not.toContain('hunter2-secret');
  });

  it('exits 2 naming the server, not the password, when the database cannot be reached', async () => {
    const context = recordingContext();
    expect(await runCli(['serve', '--port', '0', '--store', 'postgres://ana:hunter2-secret@127.0.0.1:1/agentlab'], context)).toBe(2);
    expect(context.errorOutput).toContain('postgres://ana@127.0.0.1:1/agentlab');
    expect(context.output + context.errorOutput).not.toContain('hunter2-secret');
    expect(context.output).not.toContain('agentlab reports at');
  });

  it('exits 2 on a database a newer agentlab wrote, leaving it as it was', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'from the future', 0)");
      const context = recordingContext();
      expect(await runCli(['serve', '--port', '0', '--store', withPassword(databaseUrl)], context)).toBe(2);
      expect(context.errorOutput).toContain(`${databaseUrl} has schema version 999`);
      expect(context.output + context.errorOutput).not.toContain('hunter2-secret');
      const { rows } = await client.query<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
      expect(rows[0]!.version).toBe(999);
    } finally {
      await client.query('DELETE FROM schema_migrations WHERE version = 999');
      await client.end();
    }
  });
});
