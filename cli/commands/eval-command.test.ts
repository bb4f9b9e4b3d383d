// `agentlab eval` end to end in-process: the summary with intervals, CI outputs, a baseline
// comparison on a second run, gates and their exit codes, and bad input refused with exit 2.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

let directory: string;
const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'] },
  { id: 'math', goal: 'Calculate 17 * 23, then compute 144 / 12', expected_tools: ['calculator', 'calculator'], expected_output_contains: ['391', '12'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'] },
];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-cli-'));
  await writeFile(path.join(directory, 'cases.jsonl'), cases.map((item) => JSON.stringify(item)).join('\n'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const evaluate = (...arguments_: string[]) =>
  runRecorded(['eval', 'cases.jsonl', '--agents', 'react,plan-execute', '--epochs', '2', '--latency', 'zero', '--store', 'store.db', ...arguments_], { cwd: directory });

describe('agentlab eval', () => {
  it('runs the matrix into the store, prints the summary with intervals, and writes JUnit, Markdown and JSON', async () => {
    const result = await evaluate('--junit', 'out/junit.xml', '--markdown', 'out/summary.md', '--json', 'out/report.json');
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^sim:strong +react +\d+ +\d+ +\d+ +\d+\.\d% \[\d+\.\d–\d+\.\d\]/m);
    expect(result.output).toMatch(/^sim:weak +plan-execute /m);
    expect(result.output).toContain('pass^2');
    expect(result.errorOutput).toMatch(/^Run run-\d{8}-\d{6}-[0-9a-f]{6}: 24 results to make$/m);
    const junit = await readFile(path.join(directory, 'out/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="agentlab run-[^"]+" tests="24"/);
    expect(await readFile(path.join(directory, 'out/summary.md'), 'utf8')).toContain('| sim:strong | react |');
    const report = JSON.parse(await readFile(path.join(directory, 'out/report.json'), 'utf8')) as { results: unknown[]; run: { id: string } };
    expect(report.results).toHaveLength(24);
    const store = openStore(path.join(directory, 'store.db'));
    expect(store.caseResults(report.run.id)).toHaveLength(24);
    expect(store.getRun(report.run.id)?.status).toBe('completed');
    store.close();
  });

  it('compares a second run with the latest baseline and gates on regressions', async () => {
    const result = await evaluate('--baseline', 'latest', '--fail-on-regression');
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^Compared with run-\S+: no significant change \(p = 1\.00\): 0 regressions, 0 improvements over 24 paired results$/m);
    expect(result.output).toMatch(/✓ no-regression/);
  });

  it('exits 1 when a gate fails', async () => {
    const result = await evaluate('--min-success', '100%', '--quiet');
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/✗ min-success: success rate \d+\.\d% \(minimum 100\.0%\)/);
    expect(result.errorOutput).toBe('');
  });

  it('refuses a malformed dataset with every problem and exit 2, running nothing', async () => {
    await writeFile(path.join(directory, 'bad.jsonl'), ['{"id":"a","goal":""}', '{"id":"a","goal":"x","tool_match":"sometimes"}', 'not json'].join('\n'));
    const result = await runRecorded(['eval', 'bad.jsonl', '--store', 'bad.db'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('bad.jsonl:1: goal:');
    expect(result.errorOutput).toContain('bad.jsonl:2: id:');
    expect(result.errorOutput).toContain('bad.jsonl:2: tool_match:');
    expect(result.errorOutput).toContain('bad.jsonl:3:');
    expect(result.output).toBe('');
  });

  it('exits 2 for bad arguments: a shard, a rate, a run to resume that does not exist', async () => {
    expect((await evaluate('--shard', '3/2')).exitCode).toBe(2);
    expect((await evaluate('--min-success', '1.5')).exitCode).toBe(2);
    const missing = await evaluate('--resume', 'run-nope');
    expect(missing.exitCode).toBe(2);
    expect(missing.errorOutput).toContain('run-nope');
  });
});
