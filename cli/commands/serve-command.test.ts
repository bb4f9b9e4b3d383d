// `agentlab serve` and `agentlab eval --serve` as a user meets them: a URL printed, pages answering
// on it, the run just made reachable, and a clean stop on Ctrl+C.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runCli } from '../main.js';
import { recordingContext, type RecordingContext } from '../test-support.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-serve-'));
  await writeFile(path.join(directory, 'cases.jsonl'), JSON.stringify({ id: 'water', goal: 'Search for the boiling point of water', expected_output_contains: ['100 °C'] }));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function waitFor(context: RecordingContext, pattern: RegExp): Promise<RegExpExecArray> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const match = pattern.exec(context.output + context.errorOutput);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never printed ${pattern}: ${context.output}${context.errorOutput}`);
}

describe('agentlab serve', () => {
  it('prints its URL, serves the runs page and the OTLP endpoint, and stops on Ctrl+C', async () => {
    const context = recordingContext({ cwd: directory });
    const exit = runCli(['serve', '--port', '0', '--store', 'serve.db'], context);
    const [, url] = await waitFor(context, /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('agentlab');
    const otlp = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[]}' });
    expect(otlp.status).toBe(200);
    context.stop();
    expect(await exit).toBe(0);
  });

  it('costs a foreign trace\'s model calls with the config\'s prices, and refuses a bad config before opening the store', async () => {
    await writeFile(path.join(directory, 'prices.yaml'), 'prices:\n  team-llm: { input: 1000000, output: 0 }\n');
    const context = recordingContext({ cwd: directory });
    const exit = runCli(['serve', '--port', '0', '--store', 'priced.db', '--config', 'prices.yaml'], context);
    const [, url] = await waitFor(context, /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//);
    const nanos = `${BigInt(Date.now()) * 1_000_000n}`;
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'chat team-llm', startTimeUnixNano: nanos, endTimeUnixNano: nanos,
      attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }, { key: 'gen_ai.request.model', value: { stringValue: 'team-llm' } }, { key: 'gen_ai.usage.input_tokens', value: { intValue: '3' } }] };
    const posted = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }) });
    expect(posted.status).toBe(200);
    const listed = (await (await fetch(`${url}/api/traces`)).json()) as { traces: Array<{ costUsd?: number }> };
    expect(listed.traces[0]!.costUsd).toBe(3);
    context.stop();
    expect(await exit).toBe(0);

    await writeFile(path.join(directory, 'broken.yaml'), 'prices: [not, a, map]\n');
    const refused = recordingContext({ cwd: directory });
    expect(await runCli(['serve', '--port', '0', '--store', 'never.db', '--config', 'broken.yaml'], refused)).toBe(2);
    expect(refused.errorOutput).toContain('broken.yaml');
    await expect(import('node:fs/promises').then((fs) => fs.stat(path.join(directory, 'never.db')))).rejects.toThrow();
  });

  it('refuses a non-loopback host without a token', async () => {
    const context = recordingContext({ cwd: directory });
    expect(await runCli(['serve', '--port', '0', '--host', '0.0.0.0', '--store', 'serve.db'], context)).toBe(2);
    expect(context.errorOutput).toMatch(/token/i);
  });
});

describe('agentlab serve deciding', () => {
  it("approves a gated call and records a correction's lesson in the config's namespace, embedded by the simulator", async () => {
    const store = openStore(path.join(directory, 'decide.db'));
    const run = store.agentRuns.create({ id: 'run-1', agent: 'react', goal: 'Delete old-report.txt', model: 'sim:strong', settings: {}, startedAt: 1_000 });
    const approval = store.approvals.request({ runId: 'run-1', callId: 'call_1', agent: 'react', tool: 'delete_file', permission: 'destructive', arguments: { path: 'old-report.txt' }, goal: run.goal, context: '', requestedAt: 1_100 });
    store.agentRuns.pause('run-1', run.claim, [], 1_100);
    const review = store.reviews.add({ kind: 'low_confidence', runId: 'eval-1', caseId: 'water', agent: 'react', model: 'sim:weak', goal: 'Boiling point of water?', answer: '90 °C', confidence: 0.3, steps: '', createdAt: 1_200 });
    store.close();
    await writeFile(path.join(directory, 'lessons.yaml'), 'memory:\n  namespace: team\n');
    const context = recordingContext({ cwd: directory });
    const exit = runCli(['serve', '--port', '0', '--store', 'decide.db', '--config', 'lessons.yaml'], context);
    const [, url] = await waitFor(context, /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//);
    const post = (route: string, body: unknown) => fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const approved = await post(`/api/approvals/${approval.id}/approve`, { by: 'ana' });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as { approval: { status: string } }).approval.status).toBe('approved');
    const corrected = await post(`/api/reviews/${review.id}/correct`, { correction: '100 °C', note: 'Water boils at 100 °C at sea level.' });
    expect(corrected.status).toBe(200);
    const body = (await corrected.json()) as { review: { episodeId?: number }; episode?: { id: number; namespace: string; lesson: string } };
    expect(body.episode).toMatchObject({ namespace: 'team', lesson: 'Water boils at 100 °C at sea level.' });
    expect(body.review.episodeId).toBe(body.episode!.id);
    context.stop();
    // The simulator the lesson's embedding started is stopped with the server.
    expect(await exit).toBe(0);
  });
});

describe('agentlab eval --serve', () => {
  it('serves the report of the run it makes, live and afterwards', async () => {
    const context = recordingContext({ cwd: directory });
    const exit = runCli(['eval', 'cases.jsonl', '--agents', 'react', '--models', 'sim:oracle', '--epochs', '1', '--latency', 'zero', '--store', 'eval.db', '--serve', '--port', '0'], context);
    await waitFor(context, /Live report: http:\/\/127\.0\.0\.1:\d+\/runs\/run-\S+/);
    const [, reportUrl] = await waitFor(context, /Report: (http:\/\/127\.0\.0\.1:\d+\/runs\/run-\S+) {2}\(serving until Ctrl\+C\)/);
    const page = await fetch(reportUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('water');
    context.stop();
    expect(await exit).toBe(0);
  });
});
