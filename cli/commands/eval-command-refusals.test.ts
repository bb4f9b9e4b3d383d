// `agentlab eval` refuses what it cannot run before any run is recorded, saying why on one line:
// a misspelt model, a missing API key, a bad config or agent, a baseline that does not exist, a
// malformed shard. The store is opened afterwards to show that no run was left behind. It also
// chooses a `latest` baseline that covers the run, and says so when none does.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RunRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

let directory: string;
const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'] },
  { id: 'math', goal: 'Calculate 17 * 23, then compute 144 / 12', expected_tools: ['calculator', 'calculator'], expected_output_contains: ['391', '12'] },
];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-refusals-'));
  await writeFile(path.join(directory, 'cases.jsonl'), cases.map((item) => JSON.stringify(item)).join('\n'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const evaluate = (store: string, ...arguments_: string[]) =>
  runRecorded(['eval', 'cases.jsonl', '--agents', 'react', '--models', 'sim:strong', '--epochs', '1', '--latency', 'zero', '--store', store, ...arguments_], { cwd: directory, env: {} });

/** Every run the store holds; none when the eval never created the file. */
function runsIn(store: string): RunRecord[] {
  const file = path.join(directory, store);
  if (!existsSync(file)) return [];
  const opened = openStore(file);
  try {
    return opened.listRuns();
  } finally {
    opened.close();
  }
}

describe('agentlab eval refuses before a run exists', () => {
  it('a misspelt model, with exit 2 and a did-you-mean', async () => {
    const result = await evaluate('stronk.db', '--models', 'sim:stronk');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toMatch(/^error: Unknown simulator profile "stronk" in "sim:stronk" \(did you mean sim:strong\?\)\. Available profiles: sim:oracle, /);
    expect(result.output).toBe('');
    expect(runsIn('stronk.db')).toEqual([]);
  });

  it('an openai: model without OPENAI_API_KEY', async () => {
    const result = await evaluate('no-key.db', '--models', 'sim:strong,openai:gpt-4o-mini');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toBe('error: Model openai:gpt-4o-mini needs an API key: set the environment variable OPENAI_API_KEY.\n');
    expect(runsIn('no-key.db')).toEqual([]);
  });

  it('a config file with a problem, and an unknown agent', async () => {
    await writeFile(path.join(directory, 'broken.yaml'), 'models:\n  local:\n    baseURL: 12\n');
    const config = await evaluate('config.db', '--config', 'broken.yaml');
    expect(config.exitCode).toBe(2);
    expect(config.errorOutput).toMatch(/^error: broken\.yaml has \d+ problems?:\n/);
    const agent = await evaluate('config.db', '--agents', 'reactor');
    expect(agent.exitCode).toBe(2);
    expect(agent.errorOutput).toContain('reactor');
    expect(runsIn('config.db')).toEqual([]);
  });

  it('a baseline run that does not exist', async () => {
    const result = await evaluate('baseline.db', '--baseline', 'run-nope');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toMatch(/^error: --baseline run-nope: there is no such run in \S+baseline\.db\n$/);
    expect(runsIn('baseline.db')).toEqual([]);
  });

  it('a shard that is not one, naming what is wrong', async () => {
    const beyond = await evaluate('shard.db', '--shard', '5/4');
    expect(beyond.exitCode).toBe(2);
    expect(beyond.errorOutput).toBe("error: option '--shard <i/n>' argument '5/4' is invalid. there is no slice 5 of 4: slices are numbered 1 to 4\n(run with --help for usage)\n");
    const word = await evaluate('shard.db', '--shard', 'abc');
    expect(word.exitCode).toBe(2);
    expect(word.errorOutput).toContain("argument 'abc' is invalid. expected i/n, such as 2/4 for the second of four slices");
    const none = await evaluate('shard.db', '--shard', '0/0');
    expect(none.errorOutput).toContain('the number of slices must be at least 1');
    expect(runsIn('shard.db')).toEqual([]);
  });

  it('a case naming an unknown agent, with the control characters of the dataset escaped in the message', async () => {
    await writeFile(path.join(directory, 'hostile.jsonl'), `${JSON.stringify({ id: 'x', goal: 'Who created Python?', agent: 'bot\u001b]0;pwned\u0007\u001b[2J' })}\n`);
    const result = await runRecorded(['eval', 'hostile.jsonl', '--store', 'hostile.db'], { cwd: directory, env: {} });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.errorOutput).toContain('agent "bot\\x1b]0;pwned\\x07\\x1b[2J"');
    expect(runsIn('hostile.db')).toEqual([]);
  });
});

describe('agentlab eval --baseline latest', () => {
  it('compares with the newest completed run that covers every cell, not a newer partial one', async () => {
    expect((await evaluate('latest.db')).exitCode).toBe(0);
    expect((await evaluate('latest.db', '--filter', 'water')).exitCode).toBe(0);
    const [partial, fullRun] = runsIn('latest.db');
    expect(partial!.config.filter).toBe('water');

    const compared = await evaluate('latest.db', '--baseline', 'latest');
    expect(compared.exitCode).toBe(0);
    expect(compared.output).toMatch(new RegExp(`^Compared with ${fullRun!.id}: .* over 2 paired results$`, 'm'));
    expect(compared.errorOutput).not.toContain('warning');
  });

  it('says the comparison is limited to the shared cells when no completed run covers them all', async () => {
    expect((await evaluate('partial.db', '--filter', 'water')).exitCode).toBe(0);
    const [partial] = runsIn('partial.db');
    const compared = await evaluate('partial.db', '--baseline', 'latest');
    expect(compared.exitCode).toBe(0);
    expect(compared.errorOutput).toContain(
      `warning: --baseline latest: no recent completed run on this dataset covers every cell of this run; the closest, ${partial!.id}, covers 1 of this run's 2 cells: the comparison is limited to those 1\n`,
    );
    expect(compared.output).toMatch(new RegExp(`^Compared with ${partial!.id}: .* over 1 paired result`, 'm'));
  });
});
