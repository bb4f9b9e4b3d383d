// `agentlab eval --record/--replay` refusals: exit 2 before any run is recorded, naming what is wrong.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecorded } from '../test-support.js';

const dataset = fileURLToPath(new URL('../../eval/evaluate/fixtures/cases.jsonl', import.meta.url));
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-cassettes-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function evalWith(...flags: string[]): Promise<{ exitCode: number; errorOutput: string; store: string }> {
  const store = path.join(directory, `${Math.random().toString(36).slice(2)}.db`);
  const { exitCode, errorOutput } = await runRecorded(['eval', dataset, '--agents', 'react', '--models', 'sim:strong', '--latency', 'zero', '-q', '--store', store, ...flags], { cwd: directory, env: {} });
  return { exitCode, errorOutput, store };
}

describe('agentlab eval --record / --replay refusals', () => {
  it('refuses --record with --replay', async () => {
    const { exitCode, errorOutput, store } = await evalWith('--record', 'a', '--replay', 'b');
    expect(exitCode).toBe(2);
    expect(errorOutput).toContain('--record and --replay cannot go together');
    expect(existsSync(store)).toBe(false);
  });

  it('refuses --replay-missing without --replay, and an unknown mode', async () => {
    expect((await evalWith('--replay-missing', 'record')).errorOutput).toContain('--replay-missing goes with --replay <dir>');
    const unknown = await evalWith('--replay', 'a', '--replay-missing', 'skip');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.errorOutput).toContain("argument 'skip' is invalid");
  });

  it('refuses a cassette directory that is not there', async () => {
    const { exitCode, errorOutput } = await evalWith('--replay', 'no-such-dir');
    expect(exitCode).toBe(2);
    expect(errorOutput).toContain('--replay no-such-dir: no such cassette directory');
  });

  it('replays an openai: model with no key and no endpoint: a request the cassettes lack is an error naming it', async () => {
    await mkdir(path.join(directory, 'empty'), { recursive: true });
    const store = path.join(directory, 'empty.db');
    const { exitCode, output } = await runRecorded(['eval', dataset, '--agents', 'react', '--models', 'openai:gpt-4o-mini', '--filter', 'calc', '--epochs', '1', '-q', '--store', store, '--replay', 'empty'], { cwd: directory, env: {} });
    // Every result is an error, so the max-errors gate fails the run (exit 1), but it ran: no key was asked for.
    expect(exitCode).toBe(1);
    expect(output).toContain('1 × cassette_miss: no recorded answer for POST /chat/completions (model gpt-4o-mini, 2 messages, last user: "Calculate 12 * 12")');
    expect(output).toContain('Replayed 0 model calls from empty (none sent to an endpoint)');
    expect(output).toContain('1 request was not in the cassettes: those cells are errors (cassette_miss).');
  });

  it('refuses a cassette line that is not a cassette line, with its file and line', async () => {
    await mkdir(path.join(directory, 'broken', 'calc'), { recursive: true });
    await writeFile(path.join(directory, 'broken', 'calc', 'react.jsonl'), '{"type":"cassette"}\n');
    const { exitCode, errorOutput, store } = await evalWith('--replay', 'broken');
    expect(exitCode).toBe(2);
    expect(errorOutput).toContain(`${path.join('broken', 'calc', 'react.jsonl')}:1: not a cassette line`);
    expect(existsSync(store)).toBe(false);
  });
});
