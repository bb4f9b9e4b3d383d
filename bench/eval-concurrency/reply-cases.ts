// Single-turn golden cases, `Reply with "X-<n>"`: the simulator answers each with the quoted text in
// one model call and no tool call, so one case is exactly one chat completion with a checkable answer.
import { writeFile } from 'node:fs/promises';

export function replyText(index: number): string {
  return `X-${index}`;
}

export function replyGoal(index: number): string {
  return `Reply with "${replyText(index)}"`;
}

/** A JSONL golden dataset of `count` reply cases for the react agent, each checking its own answer. */
export async function writeReplyDataset(file: string, count: number): Promise<void> {
  const lines: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    lines.push(JSON.stringify({ id: `reply-${index}`, goal: replyGoal(index), agent: 'react', expected_output_contains: [replyText(index)] }));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}
