// `agentlab eval --agents` with users' agents: the run, the summary table, and refusals with exit 2
// before any run is recorded.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const fixtures = fileURLToPath(new URL('../../targets/fixtures/', import.meta.url));
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-targets-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const common = ['--models', 'sim:oracle', '--epochs', '1', '--latency', 'zero', '-q'];

describe('agentlab eval --agents with users\' agents', () => {
  it('runs a module and a command side by side and prints both in the summary', async () => {
    const store = path.join(directory, 'both.db');
    const { exitCode, output } = await runRecorded(['eval', 'cases.jsonl', '--agents', 'module:tool-loop-agent.ts,command:node command-agent.mjs', ...common, '--store', store, '--filter', 'calc'], {
      cwd: fixtures,
      env: { PATH: process.env.PATH },
    });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/sim:oracle\s+module:tool-loop-agent\.ts\s+1\s+0\s+0/);
    expect(output).toMatch(/sim:oracle\s+command:node command-agent\.mjs\s+1\s+0\s+0/);
  });

  it('takes agents defined in the config, by name, as the default set', async () => {
    const config = path.join(directory, 'agentlab.config.yaml');
    await writeFile(config, `agents:\n  calc-bot:\n    command: node ${path.join(fixtures, 'command-agent.mjs')}\n    tools: [calculator, search_web]\n`);
    const { exitCode, output, errorOutput } = await runRecorded(['eval', path.join(fixtures, 'cases.jsonl'), ...common, '--store', path.join(directory, 'config.db')], { cwd: directory, env: { PATH: process.env.PATH } });
    expect(output).toMatch(/sim:oracle\s+calc-bot\s+1\s+1\s+0/);
    expect(errorOutput).not.toContain('warning');
    expect(exitCode).toBe(0);
  });

  it('refuses with exit 2, before any run is recorded, a case expecting a tool its config agent does not declare', async () => {
    const config = path.join(directory, 'agentlab.config.yaml');
    await writeFile(config, `agents:\n  calc-bot:\n    command: node ${path.join(fixtures, 'command-agent.mjs')}\n    tools: [calculator]\n`);
    const store = path.join(directory, 'undeclared.db');
    const { exitCode, errorOutput } = await runRecorded(['eval', path.join(fixtures, 'cases.jsonl'), ...common, '--store', store], { cwd: directory, env: { PATH: process.env.PATH } });
    expect(exitCode).toBe(2);
    // The forbidden search_web of the calc case is fine: a tool an agent lacks may still be forbidden.
    expect(errorOutput).toContain('cases.jsonl:1: expected_tools: "search_web" is not a tool of calc-bot (it has calculator)');
    expect(existsSync(store)).toBe(false);
  });

  it('warns that the tool names of an agent with undeclared tools are not checked', async () => {
    const { exitCode, errorOutput } = await runRecorded(['eval', 'cases.jsonl', '--agents', 'command:node command-agent.mjs', ...common, '--store', path.join(directory, 'warned.db'), '--filter', 'calc'], {
      cwd: fixtures,
      env: { PATH: process.env.PATH },
    });
    expect(exitCode).toBe(0);
    expect(errorOutput).toContain('warning: agent command:node command-agent.mjs declares no tools, so the tool names its cases use (search_web, calculator) are not checked');
  });

  it('refuses a module with no usable export with exit 2, naming the file and its exports, and records no run', async () => {
    await writeFile(path.join(directory, 'not-an-agent.mjs'), 'export const answer = 42;\nexport function helper() {}\n');
    const store = path.join(directory, 'refused.db');
    const { exitCode, errorOutput } = await runRecorded(['eval', path.join(fixtures, 'cases.jsonl'), '--agents', 'module:not-an-agent.mjs', ...common, '--store', store], { cwd: directory });
    expect(exitCode).toBe(2);
    expect(errorOutput).toContain('agent module module:not-an-agent.mjs has no default export; it exports: answer (number), helper (function)');
    expect(existsSync(store)).toBe(false);
  });

  it('refuses an unknown agent, a missing program and a dataset naming an unknown agent with exit 2', async () => {
    const unknown = await runRecorded(['eval', path.join(fixtures, 'cases.jsonl'), '--agents', 'reactt', ...common], { cwd: directory });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.errorOutput).toContain('unknown agent "reactt"; accepted: built-in agents react, plan-execute, supervisor, pipeline');
    const missing = await runRecorded(['eval', path.join(fixtures, 'cases.jsonl'), '--agents', 'command:no-such-program --flag', ...common], { cwd: directory, env: { PATH: process.env.PATH } });
    expect(missing.exitCode).toBe(2);
    expect(missing.errorOutput).toContain('the program "no-such-program" was not found on PATH');
    await writeFile(path.join(directory, 'named.jsonl'), '{"id": "a", "goal": "Say hi", "agent": "my-bot"}\n');
    const named = await runRecorded(['eval', 'named.jsonl', ...common, '--store', path.join(directory, 'named.db')], { cwd: directory });
    expect(named.exitCode).toBe(2);
    expect(named.errorOutput).toContain('case a: agent "my-bot" names no agent');
  });

  it('keeps commas inside a command line', async () => {
    const store = path.join(directory, 'commas.db');
    const { exitCode } = await runRecorded(['eval', 'cases.jsonl', '--agents', 'command:node command-agent.mjs --tag a,b', ...common, '--store', store, '--filter', 'calc'], { cwd: fixtures, env: { PATH: process.env.PATH } });
    expect(exitCode).toBe(0);
    const opened = openStore(store);
    try {
      expect(opened.latestRun({})?.config.agents).toEqual(['command:node command-agent.mjs --tag a,b']);
    } finally {
      opened.close();
    }
  });
});
