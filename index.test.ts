// The package's public entry, imported by its name as a user's script or test would.
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAgent, evaluate } from 'agentlab';

const fixtures = fileURLToPath(new URL('./targets/fixtures/', import.meta.url));
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-api-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("import { defineAgent, evaluate } from 'agentlab'", () => {
  it('defineAgent returns the function it types, and refuses anything else', () => {
    const agent = async (goal: string) => goal;
    expect(defineAgent(agent)).toBe(agent);
    expect(() => defineAgent(42 as never)).toThrow(/expects a function/);
  });

  it('evaluate() runs an eval and returns the report the CLI prints and writes, gates included', async () => {
    const json = path.join(directory, 'report.json');
    const result = await evaluate({
      dataset: path.join(fixtures, 'cases.jsonl'),
      agents: ['module:tool-loop-agent.ts'],
      models: ['sim:oracle', 'sim:weak'],
      epochs: 2,
      latency: 'zero',
      cwd: fixtures,
      store: path.join(directory, 'api.db'),
      minSuccess: 0.99,
      json,
      gitCommit: false,
    });
    expect(result.report.results).toHaveLength(8);
    expect(result.report.groups.map((group) => `${group.model} ${group.agent}`)).toEqual(['sim:oracle module:tool-loop-agent.ts', 'sim:weak module:tool-loop-agent.ts']);
    expect(result.table).toContain('module:tool-loop-agent.ts');
    expect(result.report.gates[0]).toMatchObject({ gate: 'min-success' });
    expect(result.passed).toBe(result.failedGates.length === 0);
    expect(result.written).toEqual([json]);
    const written = JSON.parse(await readFile(json, 'utf8')) as { run: { id: string } };
    expect(written.run.id).toBe(result.report.run.id);
  });
});
