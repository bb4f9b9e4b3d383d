// `agentlab serve` and `agentlab eval --serve` as a user meets them: a URL printed, pages answering
// on it, the run just made reachable, and a clean stop on Ctrl+C.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses a non-loopback host without a token', async () => {
    const context = recordingContext({ cwd: directory });
    expect(await runCli(['serve', '--port', '0', '--host', '0.0.0.0', '--store', 'serve.db'], context)).toBe(2);
    expect(context.errorOutput).toMatch(/token/i);
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
