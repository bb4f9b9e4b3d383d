// Reads and checks every cassette of a directory before anything runs: a line that is not JSON, lacks
// a field, or whose digest or key does not match its contents stops the eval with the file and line
// (exit 2), rather than a replay that serves what the endpoint never said.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { cassetteLineSchema, lineDigest, type CellIdentity, type ExchangeLine, type HeaderLine } from './cassette-lines.js';
import { requestKey } from './cassette-request.js';
import { cellKey, describeCell } from './cell-file-name.js';
import { CassetteError, CassetteLineError } from './errors.js';

/** One cell's cassette, read and checked. */
export interface RecordedCell {
  /** The file as shown in messages: the directory as given, joined with the file's path in it. */
  file: string;
  header: HeaderLine;
  /** Each request's answers, by key, in the order they were made. */
  exchanges: Map<string, ExchangeLine[]>;
  exchangeCount: number;
  latencyMs: number;
}

export interface ReadCassettes {
  cells: Map<string, RecordedCell>;
  /** The evals the cassettes were recorded in, each described once, for messages about misses. */
  headers: HeaderLine[];
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function parseFile(file: string, text: string): RecordedCell {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let header: HeaderLine | undefined;
  let ended = false;
  const exchanges = new Map<string, ExchangeLine[]>();
  let exchangeCount = 0;
  let latencyMs = 0;
  for (const [index, content] of lines.entries()) {
    const number = index + 1;
    if (content.trim() === '') throw new CassetteLineError(file, number, 'an empty line');
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new CassetteLineError(file, number, `not JSON (${(error as Error).message})`);
    }
    const parsed = cassetteLineSchema.safeParse(value);
    if (!parsed.success) throw new CassetteLineError(file, number, `not a cassette line: ${firstIssue(parsed.error)}`);
    const line = parsed.data;
    if (lineDigest(value as Record<string, unknown>) !== line.digest) throw new CassetteLineError(file, number, 'the line does not match its digest: it was changed after it was recorded');
    if (ended) throw new CassetteLineError(file, number, 'a line after the cell-end line');
    if (line.type === 'cassette') {
      if (header) throw new CassetteLineError(file, number, 'a second header line');
      header = line;
      continue;
    }
    if (!header) throw new CassetteLineError(file, number, 'the first line must be the cassette header');
    if (line.type === 'cell-end') {
      if (line.exchanges !== exchangeCount) throw new CassetteLineError(file, number, `the cell-end line counts ${line.exchanges} exchanges, the file holds ${exchangeCount}`);
      ended = true;
      latencyMs = line.latencyMs;
      continue;
    }
    if (requestKey(line.request) !== line.key) throw new CassetteLineError(file, number, `key ${line.key} is not the key of the request on the line`);
    const answers = exchanges.get(line.key) ?? [];
    if (line.occurrence !== answers.length) throw new CassetteLineError(file, number, `occurrence ${line.occurrence} of request ${line.key} where ${answers.length} was next`);
    answers.push(line);
    exchanges.set(line.key, answers);
    exchangeCount++;
  }
  if (!header) throw new CassetteLineError(file, 1, 'the file is empty: no cassette header');
  if (!ended) throw new CassetteLineError(file, lines.length, 'the file ends without its cell-end line (cut short while it was written?)');
  return { file, header, exchanges, exchangeCount, latencyMs };
}

async function cassetteFiles(directory: string, shownAs: string): Promise<string[]> {
  let entries: string[];
  try {
    if (!(await stat(directory)).isDirectory()) throw new Error('not a directory');
    entries = await readdir(directory, { recursive: true });
  } catch (error) {
    throw new CassetteError('AGENTLAB_CASSETTE_DIRECTORY_NOT_FOUND', `--replay ${shownAs}: no such cassette directory (${(error as Error).message}); record one first with --record ${shownAs}`, { cause: error });
  }
  return entries.filter((entry) => entry.endsWith('.jsonl')).sort();
}

/** Every cassette in `directory` (`shownAs` is how messages name it), indexed by cell. */
export async function readCassettes(directory: string, shownAs: string): Promise<ReadCassettes> {
  const cells = new Map<string, RecordedCell>();
  const headers = new Map<string, HeaderLine>();
  for (const entry of await cassetteFiles(directory, shownAs)) {
    const file = path.join(shownAs, entry);
    const cell = parseFile(file, await readFile(path.join(directory, entry), 'utf8'));
    const key = cellKey(cell.header.cell);
    const other = cells.get(key);
    if (other) throw new CassetteLineError(file, 1, `a second cassette of ${describeCell(cell.header.cell)} (the first is ${other.file})`);
    cells.set(key, cell);
    const { dataset, matrix } = cell.header;
    headers.set(JSON.stringify({ dataset, matrix }), cell.header);
  }
  return { cells, headers: [...headers.values()] };
}

export type { CellIdentity };
