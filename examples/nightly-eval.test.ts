// The nightly CI workflow as written: four shard jobs of one matrix and a summary job that merges
// their stores, gates and publishes. Its agentlab command lines are run here as the jobs would run
// them (the simulator standing in for the OpenAI endpoint, two cases for the whole dataset), so a
// flag the CLI does not know, a shard count that does not match the matrix or a merge that does not
// find its shards fails here rather than at 03:17 in CI.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runRecorded } from '../cli/test-support.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowFile = fileURLToPath(new URL('./nightly-eval.yml', import.meta.url));
const datasetFile = fileURLToPath(new URL('../datasets/golden/agent-tasks.jsonl', import.meta.url));
let workflow: Workflow;
let directory: string;

beforeAll(async () => {
  workflow = parse(await readFile(workflowFile, 'utf8')) as Workflow;
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-nightly-'));
  await mkdir(path.join(directory, 'datasets/golden'), { recursive: true });
  await copyFile(datasetFile, path.join(directory, 'datasets/golden/agent-tasks.jsonl'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The agentlab arguments of a step, with the expressions CI would fill in filled in. */
function agentlabArguments(step: Step, values: Record<string, string>): string[] {
  const line = step.run!.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`the test does not know the expression ${name} in step "${step.name}"`);
    return values[name]!;
  });
  const words = line.trim().split(/\s+/);
  expect(words.slice(0, 2)).toEqual(['npx', 'agentlab']);
  return words.slice(2);
}

/** The eval as CI runs it, on the simulator and two cases instead of the endpoint and the whole dataset. */
function onTheSimulator(arguments_: string[]): string[] {
  const models = arguments_.indexOf('--models');
  const replaced = [...arguments_];
  replaced[models + 1] = 'sim:strong,sim:oracle';
  return [...replaced, '--filter', 'search-python-creator,search-everest-height', '--latency', 'zero', '-q'];
}

function step(job: Job, pattern: RegExp): Step {
  const found = job.steps.find((candidate) => pattern.test(candidate.run ?? ''));
  expect(found, `a step running ${pattern}`).toBeDefined();
  return found!;
}

describe('examples/nightly-eval.yml', () => {
  it('cuts the matrix into four shard jobs that upload their stores, and a summary job that needs them all', () => {
    const shards = workflow.jobs.eval!.strategy!.matrix.shard;
    expect(shards).toEqual([1, 2, 3, 4]);
    const evalStep = step(workflow.jobs.eval!, /agentlab eval/);
    expect(evalStep.run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    const upload = workflow.jobs.eval!.steps.find((candidate) => candidate.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.path).toBe('shards/shard-${{ matrix.shard }}.db');
    const summary = workflow.jobs.summary!;
    expect(summary.needs).toBe('eval');
    expect(summary.if).toBe('always()');
    const merge = step(summary, /agentlab merge/);
    for (const shard of shards) expect(merge.run).toContain(`shards/shard-${shard}.db`);
    expect(summary.steps.some((candidate) => candidate.run?.includes('GITHUB_STEP_SUMMARY'))).toBe(true);
  });

  it("runs the jobs' own agentlab commands: four shards, the merge, then the gates and reports", { timeout: 240_000 }, async () => {
    const values = { 'env.AGENTLAB_RUN_ID': 'nightly-7-1' };
    const evalStep = step(workflow.jobs.eval!, /agentlab eval/);
    for (const shard of workflow.jobs.eval!.strategy!.matrix.shard) {
      const made = await runRecorded(onTheSimulator(agentlabArguments(evalStep, { ...values, 'matrix.shard': String(shard) })), { cwd: directory });
      expect(made.exitCode, made.errorOutput).toBe(0);
    }
    const merged = await runRecorded(agentlabArguments(step(workflow.jobs.summary!, /agentlab merge/), values), { cwd: directory });
    expect(merged.exitCode, merged.errorOutput).toBe(0);
    expect(merged.output).toContain('Merged 4 of 4 shards into run nightly-7-1 in .agentlab/agentlab.db');

    const gated = await runRecorded(agentlabArguments(step(workflow.jobs.summary!, /agentlab summary/), values), { cwd: directory });
    expect(gated.exitCode, gated.output + gated.errorOutput).toBe(0);
    expect(gated.output).toContain('✓ complete: run nightly-7-1 completed');
    expect(gated.output).toContain('✓ min-success');
    const markdown = await readFile(path.join(directory, 'reports/summary.md'), 'utf8');
    expect(markdown).toContain('nightly-7-1');
    await expect(readFile(path.join(directory, 'reports/junit.xml'), 'utf8')).resolves.toContain('<testsuites');
  });
});
