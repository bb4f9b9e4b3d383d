// The matrix of an eval: cases × agents × models × epochs, narrowed by --filter and --shard.
import type { GoldenCase } from '../golden-case.js';

export interface MatrixCell {
  goldenCase: GoldenCase;
  agent: string;
  model: string;
  /** 1-based. */
  epoch: number;
}

/** A case runs with the agents selected, or only with its own agent when it names one. */
export function buildMatrix(cases: readonly GoldenCase[], agents: readonly string[], models: readonly string[], epochs: number): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const goldenCase of cases) {
    const caseAgents = goldenCase.agent ? agents.filter((agent) => agent === goldenCase.agent) : agents;
    for (const agent of caseAgents) {
      for (const model of models) {
        for (let epoch = 1; epoch <= epochs; epoch++) cells.push({ goldenCase, agent, model, epoch });
      }
    }
  }
  return cells;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * `--filter` terms, comma-separated: `tag:<name>` matches a tag, anything else matches the case id
 * (with `*` wildcards). A case is kept when any term matches.
 */
export function filterCases(cases: readonly GoldenCase[], filter: string | undefined): GoldenCase[] {
  const terms = (filter ?? '').split(',').map((term) => term.trim()).filter(Boolean);
  if (terms.length === 0) return [...cases];
  return cases.filter((goldenCase) =>
    terms.some((term) => (term.toLowerCase().startsWith('tag:') ? goldenCase.tags.includes(term.slice(4)) : globToRegExp(term).test(goldenCase.id))),
  );
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/4` → the second of four shards. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** Why `text` is not a shard, in words a person can act on; undefined when it is one. */
export function shardProblem(text: string): string | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return 'expected i/n, such as 2/4 for the second of four slices';
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return 'the number of slices must be at least 1';
  if (index < 1 || index > count) return `there is no slice ${index} of ${count}: slices are numbered 1 to ${count}`;
  return undefined;
}

/** Every n-th cell, so shards get a similar mix of cases, agents and models. */
export function shardCells(cells: readonly MatrixCell[], shard: Shard | undefined): MatrixCell[] {
  if (!shard) return [...cells];
  return cells.filter((_, position) => position % shard.count === shard.index - 1);
}
