// An eval against an endpoint that enforces a rate limit, as OpenAI's does: with the model's rpm in the
// config every cell ends without an error, built-in agents (the openai client) and module agents (the
// recording proxy) alike; without it the same eval meets 429s its retries cannot get past.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type RunningSimServer } from '../../models/index.js';
import type { CaseResultRecord } from '../../store/index.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';

const moduleAgent = fileURLToPath(new URL('../../targets/fixtures/tool-loop-agent.ts', import.meta.url));
const cases = 15;
let directory: string;
let server: RunningSimServer;
let common: EvaluateOptions;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-rate-limits-'));
  server = await startSimServer({ latency: 'zero', rateLimits: { rpm: 120 } });
  const dataset = path.join(directory, 'cases.jsonl');
  const lines = Array.from({ length: cases }, (_, index) => JSON.stringify({ id: `case-${index + 1}`, goal: `Reply with "ok ${index + 1}"`, expected_output_contains: [`ok ${index + 1}`] }));
  await writeFile(dataset, lines.join('\n'));
  common = { dataset, agents: ['react', 'loop'], models: ['limited'], epochs: 1, concurrency: 8, latency: 'zero', gitCommit: false, onWarning: () => undefined };
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

/** A config with the simulator as a model named `limited`, with these limits. */
function config(limits: { rpm?: number }): EvaluateOptions['config'] {
  return { models: { limited: { baseURL: server.baseURL, model: 'oracle', ...limits } }, agents: { loop: { module: moduleAgent } } };
}

function statuses(results: readonly CaseResultRecord[] | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results ?? []) counts[result.status] = (counts[result.status] ?? 0) + 1;
  return counts;
}

describe('an eval against a rate-limited endpoint (120 requests a minute)', () => {
  it('with rpm: 120 in the config, passes every cell of both kinds of agent with no error', async () => {
    const { report } = await evaluate({ ...common, config: config({ rpm: 120 }), store: path.join(directory, 'limited.db') });
    expect(statuses(report.results)).toEqual({ pass: 2 * cases });
    // The summary says how the calls went under the limit: every call went through the one limiter.
    const [limited, ...others] = report.rateLimits?.models ?? [];
    expect(others).toEqual([]);
    expect(limited).toMatchObject({ model: 'oracle', baseURL: server.baseURL.replace(/\/+$/, ''), rpm: 120 });
    expect(limited!.sent).toBeGreaterThanOrEqual(2 * cases);
    expect(limited!.callsPerMinute).toBeGreaterThan(0);
    expect(report.rateLimits!.line).toMatch(/^Rate limits: oracle at http:\/\/127\.0\.0\.1:\d+\/v1 \(rpm 120\): \d+ calls, \d+ a minute \(\d+% of the rpm\); /);
  }, 120_000);

  it('without it, meets 429s that end cells in errors', async () => {
    const { report } = await evaluate({ ...common, config: config({}), store: path.join(directory, 'unlimited.db') });
    expect(statuses(report.results).error ?? 0).toBeGreaterThan(0);
    const reasons = (report.results ?? []).flatMap((result) => (result.error ? [result.error.message] : []));
    expect(reasons.join('\n')).toMatch(/429|Rate limit reached/);
    expect(report.rateLimits).toBeUndefined();
  }, 120_000);
});
