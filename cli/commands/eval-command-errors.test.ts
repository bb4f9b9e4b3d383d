// `agentlab eval` when the endpoint is dead or flaky, end to end in-process against real sockets:
// a closed port never passes and names its URL, the error share has a gate, min-success and the
// regression gate say why when nothing was scored or paired, and --retry-errors replaces the
// errored results of a run in place once the endpoint is back.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type RunningSimServer } from '../../models/index.js';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

let directory: string;
let deadPort: number;
let deadUrl: string;
let sim: RunningSimServer;
const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'] },
];

/** A loopback port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A config naming one model, `local`, served by the oracle profile at `baseURL`. */
const localModel = (baseURL: string) => `models:\n  local:\n    baseURL: ${baseURL}\n    model: oracle\n`;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-errors-'));
  await writeFile(path.join(directory, 'cases.jsonl'), cases.map((item) => JSON.stringify(item)).join('\n'));
  deadPort = await closedPort();
  deadUrl = `http://127.0.0.1:${deadPort}/v1`;
  await writeFile(path.join(directory, 'dead.yaml'), localModel(deadUrl));
  sim = await startSimServer({ latency: 'zero' });
  await writeFile(path.join(directory, 'alive.yaml'), localModel(sim.baseURL));
});
afterAll(async () => {
  await sim.close();
  await rm(directory, { recursive: true, force: true });
});

const evaluate = (store: string, ...arguments_: string[]) =>
  runRecorded(['eval', 'cases.jsonl', '--agents', 'react', '--epochs', '1', '--latency', 'zero', '--quiet', '--store', store, ...arguments_], { cwd: directory });

function runIdOf(output: string): string {
  const match = /^Run (run-\S+): \d+ results$/m.exec(output);
  if (!match) throw new Error(`no run id in\n${output}`);
  return match[1]!;
}

describe('agentlab eval against a dead endpoint', () => {
  it('exits 1 when every result is an error, naming the errors with the URL tried, and leaves no running run', async () => {
    const result = await runRecorded(['eval', 'cases.jsonl', '--agents', 'react', '--models', 'openai:gpt-4o-mini', '--epochs', '1', '--quiet', '--store', 'closed.db'], {
      cwd: directory,
      env: { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: deadUrl },
    });
    expect(result.exitCode).toBe(1);
    const cause = `model_call_failed: gpt-4o-mini failed 3 times; last error: connection refused: ${deadUrl}/chat/completions`;
    expect(result.output).toContain(`Errors: 2 of 2 results (100.0%), 1 kind\n  2 × ${cause}`);
    expect(result.output).toContain(`  ✗ scored-results: no scored results: all 2 results are errors: 2 × ${cause}`);
    expect(result.output).toContain(`  ✗ max-errors: error share 100.0% (2 of 2 results) exceeds the maximum 10.0%: 2 × ${cause}`);
    const store = openStore(path.join(directory, 'closed.db'));
    expect(store.listRuns().map((run) => run.status)).toEqual(['completed']);
    store.close();
  });

  it('names the URL for an agent of its own too, whose model calls go through the recording proxy', async () => {
    // beside the built-in react agent that evaluate() always passes
    const agent = `module:${fileURLToPath(new URL('../../targets/fixtures/tool-loop-agent.ts', import.meta.url))}`;
    const result = await evaluate('module.db', '-c', 'dead.yaml', '--models', 'local', '--agents', agent);
    expect(result.exitCode).toBe(1);
    const unreachable = `The model proxy could not reach the model endpoint at ${deadUrl}/chat/completions`;
    const proxied = result.output.split('\n').find((line) => line.includes(unreachable));
    expect(proxied).toMatch(/^ {2}2 × model_call_failed: /);
    // said once, not once by the agent and again by the proxy's record
    expect(proxied!.split(unreachable)).toHaveLength(2);
    expect(result.output).toContain(`  2 × model_call_failed: oracle failed 3 times; last error: connection refused: ${deadUrl}/chat/completions`);
    expect(result.output).toContain('✗ scored-results: no scored results: all 4 results are errors: 2 × model_call_failed: ');
  });

  it('fails --min-success with no scored results instead of printing NaN%', async () => {
    const result = await evaluate('min-success.db', '-c', 'dead.yaml', '--models', 'local', '--min-success', '80%');
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('  ✗ min-success: no scored results to take a success rate over (all 2 results are errors; minimum 80.0%)');
    expect(result.output).not.toContain('NaN');
  });

  it('still fails a run with no scored results when --max-errors 100% turns the error-share gate off', async () => {
    const result = await evaluate('off.db', '-c', 'dead.yaml', '--models', 'local', '--max-errors', '100%');
    expect(result.exitCode).toBe(1);
    expect(result.output).not.toContain('max-errors');
    expect(result.output).toContain('✗ scored-results: no scored results');
  });
});

describe('--max-errors', () => {
  it('fails a run whose error share exceeds 10% by default, with a one-line reason, and holds at the rate given', async () => {
    const mixed = await evaluate('mixed.db', '-c', 'dead.yaml', '--models', 'sim:oracle,local');
    expect(mixed.exitCode).toBe(1);
    // errors stay out of the success rate; the error share sits beside it
    expect(mixed.output).toMatch(/^sim:oracle +react +2 +0 +0 +100\.0% \[\d+\.\d–100\.0\] +0\.0% /m);
    expect(mixed.output).toMatch(/^local +react +0 +0 +2 +— +100\.0% /m);
    expect(mixed.output).toMatch(/^all +2 +0 +2 +100\.0% \[\d+\.\d–100\.0\] +50\.0% +100\.0% +50\.0% /m);
    expect(mixed.output).toContain(`  ✗ max-errors: error share 50.0% (2 of 4 results) exceeds the maximum 10.0%: 2 × model_call_failed: oracle failed 3 times; last error: connection refused: ${deadUrl}/chat/completions`);
    expect(mixed.output).not.toContain('scored-results');
    const lenient = await evaluate('mixed.db', '-c', 'dead.yaml', '--models', 'sim:oracle,local', '--max-errors', '0.5');
    expect(lenient.exitCode).toBe(0);
    expect(lenient.output).toContain('  ✓ max-errors: error share 50.0% (2 of 4 results; maximum 50.0%)');
  });

  it('refuses a rate outside 0–100% with exit 2', async () => {
    const result = await evaluate('refused.db', '--max-errors', '150%');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('--max-errors');
  });
});

describe('agentlab eval --help', () => {
  it('lists --max-errors with its default and --retry-errors', async () => {
    const help = await runRecorded(['eval', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.output).toMatch(/--max-errors <rate> +gate: the share of results that are errors[^]*\(default: 10%\)/);
    expect(help.output).toMatch(/--retry-errors <run-id> +run again the errored results of a run/);
  });
});

describe('--fail-on-regression with nothing paired', () => {
  it('fails and says it could not compare, and why, instead of "no significant change (p = 1.00)"', async () => {
    const first = await evaluate('regression.db', '--models', 'sim:oracle', '--filter', 'water');
    expect(first.exitCode).toBe(0);
    const baseline = runIdOf(first.output);
    const result = await evaluate('regression.db', '--models', 'sim:oracle', '--filter', 'python', '--baseline', baseline, '--fail-on-regression');
    expect(result.exitCode).toBe(1);
    const why = "no shared cells: the baseline's 1 and this run's 1 results have no case, agent, model and epoch in common";
    expect(result.output).toContain(`Compared with ${baseline}: could not compare: ${why}`);
    expect(result.output).toContain(`  ✗ no-regression: could not compare with ${baseline}: ${why}`);
    expect(result.output).not.toContain('p = 1.00');
  });
});

describe('--retry-errors', () => {
  it('runs again only the errored cells of a run, replacing them in place, so its totals and outputs reflect the new results', async () => {
    const failed = await evaluate('retry.db', '-c', 'dead.yaml', '--models', 'sim:oracle,local');
    expect(failed.exitCode).toBe(1);
    const runId = runIdOf(failed.output);
    let store = openStore(path.join(directory, 'retry.db'));
    const before = store.caseResults(runId);
    store.close();
    const kept = before.filter((result) => result.model === 'sim:oracle');
    expect(before.filter((result) => result.status === 'error').map((result) => result.model)).toEqual(['local', 'local']);

    // the endpoint is back: the same model name, served now
    const retried = await runRecorded(['eval', 'cases.jsonl', '--retry-errors', runId, '-c', 'alive.yaml', '--latency', 'zero', '--store', 'retry.db', '--json', 'retried.json'], { cwd: directory });
    expect(retried.exitCode).toBe(0);
    expect(retried.errorOutput).toContain(`Run ${runId}: 4 results to make (2 already done)`);
    expect(retried.output).toMatch(/^local +react +2 +0 +0 +100\.0% /m);
    expect(retried.output).toContain('✓ max-errors: error share 0.0% (0 of 4 results; maximum 10.0%)');

    store = openStore(path.join(directory, 'retry.db'));
    const after = store.caseResults(runId);
    expect(store.listRuns().map((run) => [run.id, run.status])).toEqual([[runId, 'completed']]);
    expect(after).toHaveLength(4);
    expect(after.map((result) => result.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    // the results that were not errors are the very same rows, untouched
    expect(after.filter((result) => result.model === 'sim:oracle')).toEqual(kept);
    // the run's totals (what the report pages read) count the new results, not the old errors
    expect(store.runOverviews().find((overview) => overview.run.id === runId)?.totals).toMatchObject({ results: 4, passed: 4, errors: 0 });
    store.close();
    const report = JSON.parse(await readFile(path.join(directory, 'retried.json'), 'utf8')) as { run: { id: string }; overall: { errors: number; passed: number }; errorGroups: unknown[] };
    expect(report.run.id).toBe(runId);
    expect(report.overall).toMatchObject({ passed: 4, errors: 0 });
    expect(report.errorGroups).toEqual([]);
  });

  it('refuses to be combined with --resume, and an unknown run, with exit 2 and the reason', async () => {
    const combined = await runRecorded(['eval', '--retry-errors', 'run-x', '--resume', 'run-x', '--store', 'retry.db'], { cwd: directory });
    expect(combined.exitCode).toBe(2);
    expect(combined.errorOutput).toContain('--retry-errors cannot be combined with --resume');
    const unknown = await runRecorded(['eval', '--retry-errors', 'run-nope', '--store', 'retry.db'], { cwd: directory });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.errorOutput).toContain('run-nope');
  });
});
