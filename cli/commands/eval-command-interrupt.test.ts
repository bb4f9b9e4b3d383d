// An interrupted `agentlab eval`: a process killed with SIGKILL leaves a run that reads as
// interrupted, not running; Ctrl+C says truthfully what happens to the cases under way; the resume
// hint is printed even with -q; and --resume finishes a run on the dataset it recorded, or says
// plainly why it cannot.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RunRecord } from '../../store/index.js';
import { runCli } from '../main.js';
import { recordingContext, runRecorded } from '../test-support.js';

const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
let directory: string;
const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'] },
  { id: 'math', goal: 'Calculate 17 * 23, then compute 144 / 12', expected_tools: ['calculator', 'calculator'], expected_output_contains: ['391', '12'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'] },
];
const casesText = cases.map((item) => JSON.stringify(item)).join('\n');

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-interrupt-'));
  await writeFile(path.join(directory, 'cases.jsonl'), casesText);
  await mkdir(path.join(directory, 'elsewhere'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** 3 cases × 2 agents × 2 models × 2 epochs = 24 cells. */
const matrix = ['--agents', 'react,plan-execute', '--models', 'sim:strong,sim:weak', '--epochs', '2'];

function readRun(store: string, id: string): { run: RunRecord | undefined; results: number } {
  const opened = openStore(path.join(directory, store));
  try {
    return { run: opened.getRun(id), results: opened.caseResults(id).length };
  } finally {
    opened.close();
  }
}

/** Runs the CLI in-process and stops it (as Ctrl+C would) once `when` holds of its stderr. */
async function runStopped(arguments_: string[], when: (errorOutput: string) => boolean) {
  const context = recordingContext({ cwd: directory, env: {} });
  const exit = runCli(arguments_, context);
  while (!when(context.errorOutput)) await new Promise((resolve) => setTimeout(resolve, 10));
  context.stop();
  return { exitCode: await exit, output: context.output, errorOutput: context.errorOutput };
}

describe('agentlab eval, interrupted', () => {
  it('leaves a run that reads as interrupted when its process is killed with SIGKILL, and --resume without a dataset finishes it', async () => {
    const child = spawn(process.execPath, [binary, 'eval', 'cases.jsonl', ...matrix, '--latency', '200', '--concurrency', '2', '--store', 'killed.db'], {
      cwd: directory,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errorOutput = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errorOutput += chunk));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (!/^Run (run-\S+): 24 results to make$/m.test(errorOutput)) {
      if (child.exitCode !== null) throw new Error(`agentlab eval exited early: ${errorOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const runId = /^Run (run-\S+):/m.exec(errorOutput)![1]!;
    child.kill('SIGKILL');
    await exited;

    const killed = readRun('killed.db', runId);
    expect(killed.run).toMatchObject({ status: 'interrupted', owner: { pid: child.pid } });
    expect(killed.results).toBeLessThan(24);

    // From another folder, with no dataset argument: the run's own dataset is used.
    const resumed = await runRecorded(['eval', '--resume', runId, '--latency', 'zero', '--store', '../killed.db', '-q'], { cwd: path.join(directory, 'elsewhere'), env: {} });
    expect(resumed.errorOutput).toBe('');
    expect(resumed.exitCode).toBe(0);
    expect(readRun('killed.db', runId)).toMatchObject({ run: { status: 'completed' }, results: 24 });
  });

  it('prints the resume hint with -q, and says on Ctrl+C that the cases under way are not recorded', async () => {
    const quiet = await runStopped(['eval', 'cases.jsonl', ...matrix, '--latency', 'zero', '--store', 'quiet.db', '-q'], () => true);
    expect(quiet.exitCode).toBe(1);
    const runId = /--resume (run-\S+)/.exec(quiet.errorOutput)?.[1];
    expect(quiet.errorOutput).toMatch(/^Received SIGINT: stopping before the run starts\. SIGINT again quits at once\.$/m);
    expect(quiet.errorOutput).toMatch(/^Interrupted after 0 of 24 results; finish it with: agentlab eval --resume run-\S+$/m);
    expect(readRun('quiet.db', runId!).run?.status).toBe('interrupted');

    const busy = await runStopped(['eval', 'cases.jsonl', ...matrix, '--latency', '200', '--concurrency', '3', '--store', 'busy.db'], (text) => text.includes('results to make'));
    expect(busy.exitCode).toBe(1);
    const busyId = /^Run (run-\S+):/m.exec(busy.errorOutput)![1]!;
    expect(busy.errorOutput).toContain(
      `Received SIGINT: stopping the 3 cases under way; a case cut short is not recorded, and agentlab eval --resume ${busyId} runs it again. SIGINT again quits at once.`,
    );
    const done = Number(/^Interrupted after (\d+) of 24 results/m.exec(busy.errorOutput)?.[1]);
    expect(readRun('busy.db', busyId)).toEqual({ run: expect.objectContaining({ status: 'interrupted' }), results: done });
  });
});

describe('agentlab eval --resume', () => {
  async function interruptedRun(datasetName: string, store: string): Promise<string> {
    await writeFile(path.join(directory, datasetName), casesText);
    const stopped = await runStopped(['eval', datasetName, ...matrix, '--latency', 'zero', '--store', store, '-q'], () => true);
    return /--resume (run-\S+)/.exec(stopped.errorOutput)![1]!;
  }

  it('says the recorded dataset is gone, exit 2', async () => {
    const runId = await interruptedRun('gone.jsonl', 'gone.db');
    await rm(path.join(directory, 'gone.jsonl'));
    const result = await runRecorded(['eval', '--resume', runId, '--store', 'gone.db'], { cwd: directory, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toBe(
      `error: run ${runId} was made on ${path.join(directory, 'gone.jsonl')}, which no longer exists or cannot be read: restore it, or name the same dataset: agentlab eval <dataset> --resume ${runId}\n`,
    );
  });

  it('says the recorded dataset has changed, exit 2', async () => {
    const runId = await interruptedRun('changed.jsonl', 'changed.db');
    await writeFile(path.join(directory, 'changed.jsonl'), `${casesText}\n{"id":"new","goal":"Who created Python?"}`);
    const result = await runRecorded(['eval', '--resume', runId, '--store', 'changed.db'], { cwd: directory, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toMatch(
      new RegExp(`^error: cannot resume run ${runId}: \\S+changed\\.jsonl has changed since \\(sha256 [0-9a-f]{12}… then, sha256 [0-9a-f]{12}… now\\); resume it with the dataset as it was, or start a new run\\n$`),
    );
  });
});
