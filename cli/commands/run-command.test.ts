import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentResult, ToolCallStep } from '../../agents/index.js';
import { runCli } from '../main.js';
import { recordingContext, runRecorded } from '../test-support.js';
import type { RecordingOptions } from '../test-support.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
// Runs keep their spans in a store of the tests' own, not in the repository's .agentlab/.
const storeDirectory = mkdtempSync(path.join(tmpdir(), 'agentlab-run-'));
const store = path.join(storeDirectory, 'agentlab.db');
const fast = ['--latency', 'zero', '--store', store];
afterAll(() => rm(storeDirectory, { recursive: true, force: true }));

async function run(arguments_: readonly string[], options: RecordingOptions = {}) {
  return runRecorded(['run', ...arguments_, ...fast], options);
}

async function runJson(arguments_: readonly string[], options: RecordingOptions = {}) {
  const result = await run([...arguments_, '--json'], options);
  return { ...result, agentResult: JSON.parse(result.output) as AgentResult };
}

const toolCalls = (result: AgentResult) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');

describe('agentlab run', () => {
  it('prints progress on stderr, then the answer and a summary on stdout, exit 0', async () => {
    const result = await run(['react', 'Search for the boiling point of water and calculate 17 * 23', '--model', 'sim:oracle']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('100 °C');
    expect(result.output).toContain('17 * 23 = 391.');
    expect(result.output).toMatch(/^status +completed$/m);
    expect(result.output).toMatch(/^model calls +3$/m);
    expect(result.output).toMatch(/^tool calls +2 \(0 failed\)$/m);
    expect(result.output).toMatch(/^tokens +in [\d,]+ \/ out [\d,]+$/m);
    expect(result.output).toMatch(/^cost +\$0\.\d+$/m);
    expect(result.output).toMatch(/^wall time +\d+\.\d\d s$/m);
    expect(result.errorOutput).toMatch(/^→ react: model call 1 \(in \d+ \/ out \d+ tokens, \d+ ms, tool_calls\)$/m);
    expect(result.errorOutput).toContain('  ⚙ search_web {"query":"the boiling point of water"}\n');
    expect(result.errorOutput).toMatch(/^ {2}✓ calculator \d+\.\d ms$/m);
    expect(result.output).not.toContain('⚙');
  });

  it('prints the result as JSON with --json, and nothing else on stdout', async () => {
    const { exitCode, agentResult, errorOutput } = await runJson(['react', 'Who created Python?', '--model', 'sim:oracle']);
    expect(exitCode).toBe(0);
    expect(agentResult.status).toBe('completed');
    expect(agentResult.output).toContain('Guido van Rossum');
    expect(agentResult.steps.map((step) => step.type)).toEqual(['model_call', 'tool_call', 'model_call']);
    expect(agentResult.usage.totalTokens).toBeGreaterThan(0);
    expect(errorOutput).toContain('⚙ search_web');
  });

  it('prints no progress with --quiet', async () => {
    const result = await run(['react', 'Who created Python?', '--model', 'sim:oracle', '--quiet']);
    expect(result.exitCode).toBe(0);
    expect(result.errorOutput).toBe('');
    expect(result.output).toContain('Guido van Rossum');
  });

  it('exits 1 when the run ends otherwise than completed, showing the status and why', async () => {
    const result = await run(['react', 'Search for the boiling point of water and calculate 17 * 23', '--model', 'sim:oracle', '--max-steps', '1']);
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^status +max_steps$/m);
    expect(result.output).toMatch(/^error +max_steps: .*1 model calls/m);
    expect(result.errorOutput).not.toContain('error:');
  });

  it('compresses a conversation that outgrows an 8K window, shows it, and with --no-compress stops at the window', async () => {
    // The long tasks' station reports: ten of them do not fit sim:small's 8,192 tokens in one conversation.
    const reports = path.join(repositoryRoot, 'datasets/golden/fixtures/long-reports');
    const rainfall: Record<string, string> = {
      'harrow-hill': '1,184', 'fenwick-marsh': '655', 'calder-quay': '977', 'brindle-tor': '1,402', 'ashby-cross': '842',
      'kestrel-pike': '1,296', 'saltmere-point': '731', 'mossbeck-ford': '1,037', 'thornley-fell': '1,251', 'wrenfield-farm': '768',
    };
    const goal = `${Object.keys(rainfall).map((station) => `Read stations/${station}.md`).join(', ')}, then report the rainfall each station recorded in 2025`;
    const compressed = await run(['react', goal, '--model', 'sim:small', '--fixtures', reports, '--seed', '1']);
    expect(compressed.exitCode).toBe(0);
    expect(compressed.errorOutput).toMatch(/^→ working-memory: model call \d+ /m);
    expect(compressed.errorOutput).toMatch(/^ {2}⇣ react: working memory folded \d+ messages into a summary of \d+ tokens, [\d,]+ → [\d,]+ tokens of the 8,192-token window$/m);
    for (const figure of Object.values(rainfall)) expect(compressed.output).toContain(figure);

    const uncompressed = await run(['react', goal, '--model', 'sim:small', '--fixtures', reports, '--seed', '1', '--no-compress']);
    expect(uncompressed.exitCode).toBe(1);
    expect(uncompressed.errorOutput).not.toContain('⇣');
    expect(uncompressed.output).toMatch(/^error +context_length_exceeded: small's context window is exceeded: 400 This model's maximum context length is 8192 tokens\./m);

    const refused = await run(['react', goal, '--model', 'sim:small', '--compress-at', '0', '--quiet']);
    expect(refused.exitCode).toBe(2);
    expect(refused.errorOutput).toContain('expected a fraction of the context window above 0 and at most 1');

    const nowhere = await run(['react', goal, '--model', 'sim:small', '--fixtures', path.join(storeDirectory, 'nowhere'), '--quiet']);
    expect(nowhere.exitCode).toBe(2);
    expect(nowhere.errorOutput).toContain('nowhere is not a folder.');
  });

  it('exits 2 on an unknown agent, listing the agents', async () => {
    const result = await run(['reactor', 'Who created Python?']);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain("'reactor' is invalid");
    expect(result.errorOutput).toContain('react, plan-execute, supervisor, pipeline');
  });

  it('exits 2 on a bad --allow, naming the bad level', async () => {
    const result = await run(['react', 'Who created Python?', '--allow', 'read,delete']);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('unknown permission level delete; available: read, write, destructive.');
  });

  it('exits 2 on a bad model reference or config file, and on bad numbers', async () => {
    const badModel = await run(['react', 'Who created Python?', '--model', 'sim:genius']);
    expect(badModel.exitCode).toBe(2);
    expect(badModel.errorOutput).toContain('genius');
    const missingConfig = await run(['react', 'Who created Python?', '--config', 'no-such-config.yaml']);
    expect(missingConfig.exitCode).toBe(2);
    expect(missingConfig.errorOutput).toContain('no-such-config.yaml does not exist');
    expect((await run(['react', 'Who created Python?', '--max-steps', '0'])).exitCode).toBe(2);
    expect((await run(['react', 'Who created Python?', '--temperature', 'hot'])).exitCode).toBe(2);
  });

  describe('calls that need approval', () => {
    const deleteGoal = ['react', 'Delete old-report.txt', '--model', 'sim:oracle'];
    const deletion = (result: AgentResult) => toolCalls(result).find((step) => step.tool === 'delete_file');

    it('asks at a terminal and runs the call when the answer is y', async () => {
      const { exitCode, agentResult, errorOutput } = await runJson(deleteGoal, { interactive: true, input: 'y\n' });
      expect(exitCode).toBe(0);
      expect(errorOutput).toContain('Allow delete_file {"path":"old-report.txt"}? [y/N] ');
      expect(deletion(agentResult)).toMatchObject({ ok: true, approved: true, result: 'Deleted old-report.txt' });
    });

    it('rejects the call when the answer is n, and the model is told who rejected it', async () => {
      const { exitCode, agentResult, errorOutput } = await runJson(deleteGoal, { interactive: true, input: 'n\n' });
      expect(exitCode).toBe(0);
      expect(errorOutput).toContain('Allow delete_file');
      expect(deletion(agentResult)).toMatchObject({ ok: false, approved: false, errorCode: 'approval_rejected', approval: { status: 'rejected', reason: 'rejected at the terminal' } });
      expect(deletion(agentResult)?.result).toMatch(/^Error: the call to delete_file was rejected by .+: rejected at the terminal$/);
    });

    it('pauses without asking when stdin is not a terminal: exit 3, the run id, the approval id and how to go on', async () => {
      const result = await run(deleteGoal, { interactive: false, input: 'y\n' });
      expect(result.exitCode).toBe(3);
      expect(result.errorOutput).not.toContain('Allow delete_file');
      const runId = /^Run (\w+) is awaiting approval: delete_file \{"path":"old-report.txt"\} by react \(approval (\w+)\)\.$/m.exec(result.output);
      expect(runId).not.toBeNull();
      expect(result.output).toContain(`agentlab approvals approve ${runId![2]}`);
      expect(result.output).toContain(`agentlab run --resume ${runId![1]}`);
      const sandbox = /^Its sandbox is kept at (.+) until then\.$/m.exec(result.output)![1]!;
      try {
        expect((await stat(path.join(sandbox, 'old-report.txt'))).isFile()).toBe(true);
      } finally {
        await rm(sandbox, { recursive: true, force: true });
      }
    });

    it('runs the call without asking when --allow includes destructive', async () => {
      const { agentResult, errorOutput } = await runJson([...deleteGoal, '--allow', 'read,write,destructive'], { interactive: true });
      expect(errorOutput).not.toContain('Allow delete_file');
      expect(deletion(agentResult)).toMatchObject({ ok: true });
    });
  });

  it('keeps the sandbox with --keep-sandbox and prints where it is', async () => {
    const result = await run(['react', 'Calculate 17 * 23, then save the result to result.txt', '--model', 'sim:oracle', '--keep-sandbox']);
    const sandbox = /^sandbox +(.+) \(kept\)$/m.exec(result.output)?.[1];
    expect(sandbox).toBeDefined();
    try {
      expect(await readFile(path.join(sandbox!, 'result.txt'), 'utf8')).toContain('391');
      expect((await stat(path.join(sandbox!, 'notes.txt'))).isFile()).toBe(true);
    } finally {
      await rm(sandbox!, { recursive: true, force: true });
    }
  });

  it('stops the run when asked to, exit 1 with status error', async () => {
    const context = recordingContext();
    const running = runCli(['run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', '5000', '--store', store, '--json'], context);
    while (!context.errorOutput.includes('▶ react')) await new Promise((resolve) => setTimeout(resolve, 10));
    context.stop();
    expect(await running).toBe(1);
    expect(context.errorOutput).toContain('Received SIGINT, stopping the run.');
    expect(JSON.parse(context.output)).toMatchObject({ status: 'error', error: { code: 'aborted' } });
  });

  it('lists its options with --help', async () => {
    const result = await runRecorded(['run', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('Usage: agentlab run [options] [agent] [goal]');
    for (const option of ['--model <reference>', '--allow <levels>', '--max-steps <count>', '--max-tokens <count>', '--timeout <ms>',
      '--temperature <number>', '--seed <number>', '--latency <mode>', '--config <file>', '--fixtures <folder>', '--keep-sandbox', '--json', '--quiet', '--store <path|url>', '--otlp <url>',
      '--resume <run-id>', '--wait-for-approval']) {
      expect(result.output).toContain(option);
    }
    expect(result.output).toContain('$ agentlab run react');
    expect(result.output).toContain('3 when the run\npaused at an approval gate');
  });

  it('runs from the real entry point', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'cli/agentlab.ts', 'run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', 'zero', '--store', store],
      { cwd: repositoryRoot },
    );
    // execFile rejects on a non-zero exit, so reaching here means exit 0.
    expect(stdout).toContain('Guido');
    expect(stdout).toMatch(/^status +completed$/m);
  });
});
