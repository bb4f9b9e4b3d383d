// loadDataset on real files in a temporary folder: what valid CSV and JSONL become, and every problem of invalid ones.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError, DatasetNotFoundError, loadDataset } from './index.js';
import type { GoldenCase } from '../golden-case.js';
import type { Dataset } from './index.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-dataset-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(directory, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

/** Loads from `directory` by relative name, so messages show the short name; returns the error it throws. */
async function loadError(name: string): Promise<DatasetError> {
  const error = await loadDataset(name, { cwd: directory }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

function messageLines(error: Error): string[] {
  return error.message.split('\n');
}

/** What a case holds when it sets nothing but `id` and `goal`. */
const defaults: Omit<GoldenCase, 'id' | 'goal'> = {
  expected_tools: [],
  expected_args: {},
  args_match: 'superset',
  forbidden_tools: [],
  expected_output_contains: [],
  case_sensitive: false,
  tags: [],
};

describe('loadDataset with CSV', () => {
  it('converts list, JSON, number and boolean cells, leaves empty cells to their defaults, and hashes the bytes', async () => {
    await mkdir(path.join(directory, 'seeds', 'notes'), { recursive: true });
    const content =
      'id,goal,agent,expected_tools,expected_args,expected_output_contains,case_sensitive,max_steps,max_cost_usd,tags,fixtures,allow\n' +
      'math-1,Calculate 17 * 23,,calculator,"{""calculator"": {""expression"": ""17 * 23""}}",391,,4,0.05,math;easy,,\n' +
      'notes, Read notes.txt ,react," read_file ; ;list_files ",,"[""Falcon"", ""a;b""]",yes,,,,seeds/notes,read;write\n' +
      'plain,Say hello,,,,,0,,,,,\n';
    const file = await write('cases.csv', content);
    const dataset = await loadDataset(file);
    expect(dataset).toEqual<Dataset>({
      path: file,
      format: 'csv',
      hash: createHash('sha256').update(content).digest('hex'),
      directory,
      cases: [
        {
          ...defaults,
          id: 'math-1',
          goal: 'Calculate 17 * 23',
          expected_tools: ['calculator'],
          expected_args: { calculator: { expression: '17 * 23' } },
          expected_output_contains: ['391'],
          max_steps: 4,
          max_cost_usd: 0.05,
          tags: ['math', 'easy'],
        },
        {
          ...defaults,
          id: 'notes',
          goal: 'Read notes.txt',
          agent: 'react',
          expected_tools: ['read_file', 'list_files'],
          expected_output_contains: ['Falcon', 'a;b'],
          case_sensitive: true,
          fixtures: 'seeds/notes',
          allow: ['read', 'write'],
        },
        { ...defaults, id: 'plain', goal: 'Say hello' },
      ],
      caseLines: [2, 3, 4],
    });
  });

  it('takes the format from .csv whatever the case, and accepts a BOM and CRLF line ends', async () => {
    await write('Cases.CSV', '\uFEFFid,goal\r\none,First\r\n\r\ntwo,Second\r\n');
    const dataset = await loadDataset('Cases.CSV', { cwd: directory });
    expect(dataset.format).toBe('csv');
    expect(dataset.cases.map((goldenCase) => [goldenCase.id, goldenCase.goal])).toEqual([
      ['one', 'First'],
      ['two', 'Second'],
    ]);
  });

  it('keeps the line numbers of later records right after quoted cells with commas and line breaks', async () => {
    await write(
      'cases.csv',
      'id,goal,max_steps\n' +
        'first,"Find, then\nsummarise\n""the"" answer",3\n' +
        '\n' +
        'second,"One more,\nline",lots\n' +
        'third,Fine,2\n' +
        'fourth,,1\n',
    );
    const error = await loadError('cases.csv');
    expect(messageLines(error)).toEqual([
      'cases.csv has 2 problems:',
      '  cases.csv:6: max_steps: expected a number, got "lots"',
      '  cases.csv:9: goal: required, but the cell is empty',
    ]);
  });

  it('counts lines the same in a CRLF file with blank lines and quoted line breaks', async () => {
    await write('cases.csv', 'id,goal\r\n\r\nfirst,"two\r\nlines"\r\n\r\nbad id,x\r\n');
    const error = await loadError('cases.csv');
    expect(error.problems).toEqual([
      { line: 6, field: 'id', message: 'must be 1-100 letters, digits, dots, underscores or dashes' },
    ]);
  });

  it('reports every problem of a malformed file at once, in line order, with its field', async () => {
    await write('plain.txt', 'not a folder');
    await write(
      'cases.csv',
      'id,goal,expected_tools,expected_args,max_steps,case_sensitive,expected_output_regex,tool_match,fixtures\n' +
        'calc-1,Add,calculator,,2,,,,\n' +
        'calc-2,Add,"[""calculator"",",{not json},two,maybe,,,\n' +
        'calc-1,Again,,"[1, 2]",0,,(unclosed,sideways,\n' +
        ',No id,,,,,,,missing-folder\n' +
        'short,row\n' +
        'file-fixture,Uses a file,,,,,,,plain.txt\n',
    );
    const error = await loadError('cases.csv');
    expect(error.code).toBe('AGENTLAB_DATASET_INVALID');
    expect(error.file).toBe('cases.csv');
    expect(messageLines(error)).toEqual([
      'cases.csv has 12 problems:',
      `  cases.csv:3: expected_tools: expected a list, as items separated by ";" or a JSON array, but the JSON is not valid (${jsonErrorOf('["calculator",')})`,
      `  cases.csv:3: expected_args: expected a JSON object, but the JSON is not valid (${jsonErrorOf('{not json}')})`,
      '  cases.csv:3: case_sensitive: expected true/yes/1 or false/no/0, got "maybe"',
      '  cases.csv:3: max_steps: expected a number, got "two"',
      '  cases.csv:4: id: "calc-1" is already used on line 2',
      '  cases.csv:4: tool_match: expected one of "in_order", "strict", "unordered", "subset", "superset", got "sideways"',
      '  cases.csv:4: expected_args: expected a JSON object such as {"calculator": {"expression": "17 * 23"}}, got "[1, 2]"',
      '  cases.csv:4: expected_output_regex: must be a valid regular expression',
      '  cases.csv:4: max_steps: must be greater than 0, got 0',
      '  cases.csv:5: id: required, but the cell is empty',
      '  cases.csv:6: has 2 cells but the header names 9 columns',
      `  cases.csv:7: fixtures: "plain.txt" is not a folder (looked for ${path.join(directory, 'plain.txt')})`,
    ]);
    expect(error.problems[0]).toEqual({
      line: 3,
      field: 'expected_tools',
      message: expect.stringMatching(/^expected a list, as items separated by ";" or a JSON array/),
    });
  });

  it('names unknown, duplicate and missing columns, suggesting a near miss, and still checks the rows', async () => {
    await write('cases.csv', 'id,expected_tool,Tags,colour,id\nfirst,calculator,math,red,again\nsecond;bad,x,y,z,w\n');
    const error = await loadError('cases.csv');
    expect(messageLines(error)).toEqual([
      'cases.csv has 6 problems:',
      '  cases.csv:1: unknown column "expected_tool" (did you mean "expected_tools"?)',
      '  cases.csv:1: unknown column "Tags" (did you mean "tags"?)',
      '  cases.csv:1: unknown column "colour"; accepted: id, goal, agent, expected_tools, tool_match, expected_args, ' +
        'args_match, forbidden_tools, expected_output_contains, expected_output_regex, case_sensitive, max_steps, ' +
        'max_tokens, max_cost_usd, max_latency_ms, tags, fixtures, allow, approvals, expected_approvals',
      '  cases.csv:1: column "id" appears twice (columns 1 and 5)',
      '  cases.csv:1: missing column "goal": every case needs one',
      '  cases.csv:3: id: must be 1-100 letters, digits, dots, underscores or dashes',
    ]);
  });

  it('reports an unclosed quote at the record it starts in, with the problems of the records before it', async () => {
    await write('cases.csv', 'id,goal,max_steps\nfirst,Fine,x\n\nsecond,"never closed,1\nthird,Fine,1\n');
    const error = await loadError('cases.csv');
    expect(messageLines(error)).toEqual([
      'cases.csv has 2 problems:',
      '  cases.csv:2: max_steps: expected a number, got "x"',
      '  cases.csv:4: a quoted cell that starts in this record is never closed',
    ]);
  });

  it('refuses an empty file and a header without rows', async () => {
    await write('empty.csv', '');
    await write('header-only.csv', 'id,goal\n\n');
    expect((await loadError('empty.csv')).message).toBe(
      'empty.csv has 1 problem:\n  empty.csv: the file is empty: the first row must name the columns, such as id,goal,agent',
    );
    expect((await loadError('header-only.csv')).message).toBe(
      'header-only.csv has 1 problem:\n  header-only.csv: the file has no cases: add one row per case below the header',
    );
  });
});

describe('loadDataset with JSONL', () => {
  it('reads one object per line, skipping blank and comment lines, with schema defaults', async () => {
    await mkdir(path.join(directory, 'fixtures', 'notes'), { recursive: true });
    const lines = [
      '// arithmetic',
      JSON.stringify({ id: 'math-1', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_args: { calculator: { expression: '17 * 23' } }, max_steps: 4 }),
      '',
      '   # files',
      JSON.stringify({ id: 'notes', goal: 'Read notes.txt', agent: 'react', tool_match: 'subset', case_sensitive: true, fixtures: 'fixtures/notes', allow: ['read'] }),
    ];
    const file = await write('cases.jsonl', `${lines.join('\n')}\n`);
    const dataset = await loadDataset(file);
    expect(dataset.format).toBe('jsonl');
    expect(dataset.hash).toBe(createHash('sha256').update(await readFile(file)).digest('hex'));
    expect(dataset.cases).toEqual([
      { ...defaults, id: 'math-1', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_args: { calculator: { expression: '17 * 23' } }, max_steps: 4 },
      { ...defaults, id: 'notes', goal: 'Read notes.txt', agent: 'react', tool_match: 'subset', case_sensitive: true, fixtures: 'fixtures/notes', allow: ['read'] },
    ]);
  });

  it('accepts the .ndjson extension', async () => {
    await write('cases.ndjson', '{"id": "one", "goal": "First"}\n');
    expect((await loadDataset('cases.ndjson', { cwd: directory })).format).toBe('jsonl');
  });

  it('reports every problem of a malformed file at once, in line order, with its field', async () => {
    await write(
      'cases.jsonl',
      [
        '{"id": "calc-1", "goal": "Add 2 and 2", "expected_tools": ["calculator"]}',
        '# a comment',
        '{"id": "blank-goal", "goal": "   "}',
        '{"id": "typo", "goal": "Search", "expected_tool": ["search_web"], "colour": "red"}',
        '',
        '{"id": "broken", "goal": ',
        '["not", "an", "object"]',
        '{"id": "calc-1", "goal": "Again", "max_steps": 2.5, "tags": "math", "allow": ["read", "admin"], "expected_output_regex": "(a"}',
        '{"goal": "No id", "fixtures": "nowhere", "expected_args": {"calculator": "2+2"}}',
        '{',
      ].join('\n'),
    );
    const error = await loadError('cases.jsonl');
    expect(error.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [3, 'goal'],
      [4, undefined],
      [4, undefined],
      [6, undefined],
      [7, undefined],
      [8, 'id'],
      [8, 'expected_output_regex'],
      [8, 'max_steps'],
      [8, 'tags'],
      [8, 'allow[1]'],
      [9, 'id'],
      [9, 'expected_args.calculator'],
      [10, undefined],
    ]);
    expect(messageLines(error)).toEqual([
      'cases.jsonl has 13 problems:',
      '  cases.jsonl:3: goal: must not be empty',
      '  cases.jsonl:4: unknown field "expected_tool" (did you mean "expected_tools"?)',
      expect.stringMatching(/^ {2}cases\.jsonl:4: unknown field "colour"; accepted: id, goal, .*, allow, approvals, expected_approvals$/),
      `  cases.jsonl:6: not valid JSON (${jsonErrorOf('{"id": "broken", "goal":')})`,
      '  cases.jsonl:7: expected a JSON object (one case per line), got an array',
      '  cases.jsonl:8: id: "calc-1" is already used on line 1',
      '  cases.jsonl:8: expected_output_regex: must be a valid regular expression',
      '  cases.jsonl:8: max_steps: expected a whole number, got 2.5',
      '  cases.jsonl:8: tags: expected a list, got "math"',
      '  cases.jsonl:8: allow[1]: expected one of "read", "write", "destructive", got "admin"',
      '  cases.jsonl:9: id: required field is missing',
      '  cases.jsonl:9: expected_args.calculator: expected an object, got "2+2"',
      '  cases.jsonl:10: not valid JSON: a case must sit whole on one line, not spread over several',
    ]);
  });

  it('checks fixtures only of otherwise valid cases, against the folder of the dataset', async () => {
    await mkdir(path.join(directory, 'data', 'present'), { recursive: true });
    await write('data/cases.jsonl', '{"id": "a", "goal": "x", "fixtures": "present"}\n{"id": "b", "goal": "y", "fixtures": "../absent"}\n');
    const error = await loadError('data/cases.jsonl');
    expect(error.message).toBe(
      `${path.join('data', 'cases.jsonl')} has 1 problem:\n` +
        `  ${path.join('data', 'cases.jsonl')}:2: fixtures: "../absent" does not exist (looked for ${path.join(directory, 'absent')})`,
    );
  });

  it('refuses a file with only comments and blank lines', async () => {
    await write('cases.jsonl', '# nothing yet\n\n');
    expect((await loadError('cases.jsonl')).problems).toEqual([
      { message: 'the file has no cases: write one JSON object per line, such as {"id": "math-1", "goal": "Calculate 17 * 23"}' },
    ]);
  });
});

describe('loadDataset refusals', () => {
  it('refuses a file whose extension names no format, before reading it', async () => {
    const error = await loadError('cases.json');
    expect(error.message).toBe('cases.json has 1 problem:\n  cases.json: not a dataset file: the name must end in one of .csv, .jsonl, .ndjson');
  });

  it('throws AGENTLAB_DATASET_NOT_FOUND for a missing file, with the cause', async () => {
    const error = await loadDataset('absent.jsonl', { cwd: directory }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    expect(error).toMatchObject({
      code: 'AGENTLAB_DATASET_NOT_FOUND',
      file: 'absent.jsonl',
      message: 'Dataset file absent.jsonl does not exist or cannot be read.',
      cause: expect.objectContaining({ code: 'ENOENT' }),
    });
  });

  it('shows paths outside the working directory as absolute', async () => {
    const outside = path.join(directory, 'outside.csv');
    const error = await loadDataset(outside, { cwd: path.join(directory, 'elsewhere') }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ file: outside });
  });
});

describe('the README examples', () => {
  it('are valid datasets', async () => {
    const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
    const block = (language: string) => new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme)?.[1] ?? '';
    await mkdir(path.join(directory, 'fixtures', 'notes'), { recursive: true });
    const csv = await loadDataset(await write('example.csv', block('csv')));
    const jsonl = await loadDataset(await write('example.jsonl', block('jsonl')));
    expect(csv.cases.map((goldenCase) => goldenCase.id)).toEqual(['math-1', 'python']);
    expect(csv.cases[1]).toMatchObject({ goal: 'Who created Python, and when?', expected_output_contains: ['Guido van Rossum', '1991'], case_sensitive: true });
    expect(jsonl.cases.map((goldenCase) => goldenCase.id)).toEqual(['math-1', 'notes', 'tidy']);
    expect(csv.cases[0]).toEqual(jsonl.cases[0]);
  });
});

/** The message JSON.parse gives for `text`, which differs between Node versions. */
function jsonErrorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}
