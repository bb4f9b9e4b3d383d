// The single-turn workload the performance benchmarks share: case n asks `Reply with "X-n"`, which
// the simulator answers with exactly `X-n` in one model call and no tool call (models/sim/README.md,
// "Answers"), checked with one `contains`. One case is one chat completion with a checkable answer.
import { writeFile } from 'node:fs/promises';

export interface ReplyCase {
  id: string;
  goal: string;
  /** What the answer must contain; the simulator answers exactly this. */
  expected: string;
}

export function replyText(index: number): string {
  return `X-${index}`;
}

export function replyGoal(index: number): string {
  return `Reply with "${replyText(index)}"`;
}

/** Cases 1…count. */
export function replyCases(count: number): ReplyCase[] {
  return Array.from({ length: count }, (_, offset) => ({ id: `reply-${offset + 1}`, goal: replyGoal(offset + 1), expected: replyText(offset + 1) }));
}

/** The cases as an agentlab JSONL golden dataset for the react agent. */
export function replyDatasetJsonl(cases: readonly ReplyCase[]): string {
  return cases.map(({ id, goal, expected }) => JSON.stringify({ id, goal, agent: 'react', expected_output_contains: [expected] })).join('\n') + '\n';
}

/** Writes `count` reply cases as a JSONL golden dataset. */
export async function writeReplyDataset(file: string, count: number): Promise<void> {
  await writeFile(file, replyDatasetJsonl(replyCases(count)));
}
