// Where a cell's cassette lives in the directory: `<case>/<agent>__<model>__epoch-<n>.jsonl`, names
// made safe for any file system (a short hash is added when making them safe changed them, so two
// agents never share a file). Only people read the names: loading goes by each file's header.
import path from 'node:path';
import { shortHash } from './canonical-json.js';
import type { CellIdentity } from './cassette-lines.js';

function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60);
  return safe === name && safe !== '' ? safe : `${safe || 'x'}-${shortHash(name, 6)}`;
}

/** The path of a cell's cassette below the directory. */
export function cellFileName(cell: CellIdentity): string {
  return path.join(safeName(cell.case), `${safeName(cell.agent)}__${safeName(cell.model)}__epoch-${cell.epoch}.jsonl`);
}

/** One string per cell, for maps. */
export function cellKey(cell: CellIdentity): string {
  return JSON.stringify([cell.case, cell.agent, cell.model, cell.epoch]);
}

export function describeCell(cell: CellIdentity): string {
  return `case ${cell.case}, agent ${cell.agent}, model ${cell.model}, epoch ${cell.epoch}`;
}
