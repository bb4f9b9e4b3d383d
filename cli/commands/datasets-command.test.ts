// `agentlab datasets validate` in-process: output, --json and exit codes on real files in a temporary folder.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USAGE_ERROR_CODES } from '../constants.js';
import { runRecorded } from '../test-support.js';

let directory: string;

const validCsv = 'id,goal,expected_tools\nmath-1,Calculate 17 * 23,calculator\nmath-2,Calculate 2 + 2,calculator\n';
const validJsonl = '{"id": "notes", "goal": "Read notes.txt"}\n';
const invalidJsonl = '{"id": "a", "goal": ""}\n{"id": "a", "goal": "x", "expected_tool": []}\n';

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-datasets-'));
  await writeFile(path.join(directory, 'cases.csv'), validCsv);
  await writeFile(path.join(directory, 'one.jsonl'), validJsonl);
  await writeFile(path.join(directory, 'bad.jsonl'), invalidJsonl);
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const shortHash = (content: string) => createHash('sha256').update(content).digest('hex').slice(0, 8);

describe('agentlab datasets validate', () => {
  it('prints a line per valid file with its case count, format and hash, and exits 0', async () => {
    const result = await runRecorded(['datasets', 'validate', 'cases.csv', 'one.jsonl'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe(
      `✓ cases.csv: 2 cases (csv, sha256 ${shortHash(validCsv)}…)\n✓ one.jsonl: 1 case (jsonl, sha256 ${shortHash(validJsonl)}…)\n`,
    );
    expect(result.errorOutput).toBe('');
  });

  it('prints every problem of an invalid file to stderr, still checks the others, and exits 2', async () => {
    const result = await runRecorded(['datasets', 'validate', 'bad.jsonl', 'cases.csv', 'missing.csv'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.output).toBe(`✓ cases.csv: 2 cases (csv, sha256 ${shortHash(validCsv)}…)\n`);
    expect(result.errorOutput).toBe(
      '✗ bad.jsonl has 3 problems:\n' +
        '  bad.jsonl:1: goal: must not be empty\n' +
        '  bad.jsonl:2: unknown field "expected_tool" (did you mean "expected_tools"?)\n' +
        '  bad.jsonl:2: id: "a" is already used on line 1\n' +
        '✗ missing.csv: does not exist or cannot be read\n',
    );
  });

  it('prints {file, valid, cases, problems} per file with --json, keeping the exit code', async () => {
    const result = await runRecorded(['datasets', 'validate', '--json', 'cases.csv', 'bad.jsonl', 'notes.txt'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toBe('');
    expect(JSON.parse(result.output)).toEqual([
      { file: 'cases.csv', valid: true, cases: 2, problems: [], warnings: [] },
      {
        file: 'bad.jsonl',
        valid: false,
        cases: 0,
        problems: [
          { line: 1, field: 'goal', message: 'must not be empty' },
          { line: 2, message: 'unknown field "expected_tool" (did you mean "expected_tools"?)' },
          { line: 2, field: 'id', message: '"a" is already used on line 1' },
        ],
        warnings: [],
      },
      {
        file: 'notes.txt',
        valid: false,
        cases: 0,
        problems: [{ message: 'not a dataset file: the name must end in one of .csv, .jsonl, .ndjson' }],
        warnings: [],
      },
    ]);
  });

  it('exits 0 with --json when every file is valid', async () => {
    const result = await runRecorded(['datasets', 'validate', 'one.jsonl', '--json'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).toEqual([{ file: 'one.jsonl', valid: true, cases: 1, problems: [], warnings: [] }]);
  });

  it('refuses tool names the agents that would run a case do not have, with the nearest name, and exits 2', async () => {
    await writeFile(
      path.join(directory, 'tools.jsonl'),
      '{"id": "search", "goal": "Search for water", "expected_tools": ["serch_web"], "forbidden_tools": ["delete_fille"]}\n' +
        '{"id": "old-args", "goal": "Calculate 2 + 2", "expected_args": {"calculator": {"expression": "2 + 2"}}, "args_match": "subset"}\n',
    );
    const result = await runRecorded(['datasets', 'validate', 'tools.jsonl'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    // The schema's problems come first: tool names are checked once every case is valid.
    expect(result.errorOutput).toContain('tools.jsonl:2: args_match: "subset" is the old name of "superset" (did you mean "superset"?)');
    await writeFile(path.join(directory, 'tools.jsonl'), '{"id": "search", "goal": "Search for water", "expected_tools": ["serch_web"], "forbidden_tools": ["delete_fille"]}\n');
    const names = await runRecorded(['datasets', 'validate', 'tools.jsonl'], { cwd: directory });
    expect(names.exitCode).toBe(2);
    expect(names.errorOutput).toBe(
      '✗ tools.jsonl has 2 problems:\n' +
        '  tools.jsonl:1: expected_tools: "serch_web" is not a tool of react, plan-execute, supervisor, pipeline, blackboard (did you mean "search_web"?)\n' +
        '  tools.jsonl:1: forbidden_tools: "delete_fille" is not a tool of react, plan-execute, supervisor, pipeline, blackboard (did you mean "delete_file"?)\n',
    );
  });

  it('checks against --agents and the config\'s declared tools, and warns about agents that declare none', async () => {
    await writeFile(path.join(directory, 'agentlab.config.yaml'), 'agents:\n  calc-bot:\n    command: node agent.mjs\n    tools: [calculator]\n');
    const accepted = await runRecorded(['datasets', 'validate', 'cases.csv', '--agents', 'calc-bot,react'], { cwd: directory });
    expect(accepted.exitCode).toBe(0);
    await writeFile(path.join(directory, 'search.jsonl'), '{"id": "water", "goal": "Search for water", "expected_tools": ["search_web"]}\n');
    const lacking = await runRecorded(['datasets', 'validate', 'search.jsonl'], { cwd: directory });
    expect(lacking.exitCode).toBe(2);
    expect(lacking.errorOutput).toContain('search.jsonl:1: expected_tools: "search_web" is not a tool of calc-bot (it has calculator)');
    const unknown = await runRecorded(['datasets', 'validate', 'search.jsonl', '--agents', 'module:./agent.ts', '--json'], { cwd: directory });
    expect(unknown.exitCode).toBe(0);
    expect(JSON.parse(unknown.output)[0].warnings).toEqual([
      'agent module:./agent.ts declares no tools, so the tool names its cases use (search_web) are not checked; define it under agents: in the config with tools: [...] to check them',
    ]);
  });

  it('shows help with an example', async () => {
    const result = await runRecorded(['datasets', 'validate', '--help'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('Usage: agentlab datasets validate [options] <file...>');
    expect(result.output).toContain('$ agentlab datasets validate datasets/golden/agent-tasks.jsonl');
  });

  it('exits 2 through the CLI, not the process, when the file argument is missing', async () => {
    const result = await runRecorded(['datasets', 'validate'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain("error: missing required argument 'file'");
  });

  it('lists validate under agentlab datasets --help', async () => {
    const result = await runRecorded(['datasets', '--help'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^ {2}validate \[options\] <file\.\.\.> +Check golden datasets/m);
  });

  it('treats dataset errors thrown by any command (such as eval) as usage errors, exit 2', () => {
    expect(USAGE_ERROR_CODES.has('AGENTLAB_DATASET_INVALID')).toBe(true);
    expect(USAGE_ERROR_CODES.has('AGENTLAB_DATASET_NOT_FOUND')).toBe(true);
  });
});
