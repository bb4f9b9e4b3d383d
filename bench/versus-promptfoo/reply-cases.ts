// The cases both tools evaluate: each asks the model to reply with one distinct word, which the
// simulator answers exactly (models/sim/README.md, "Answers"), checked with one `contains`.
import { CASES } from './constants.js';

export interface ReplyCase {
  id: string;
  goal: string;
  /** What the answer must contain; the simulator answers exactly this. */
  expected: string;
}

const cities = ['Paris', 'Lima', 'Oslo', 'Cairo', 'Quito', 'Hanoi', 'Dakar', 'Perth'] as const;

export function replyCases(count: number = CASES): ReplyCase[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const expected = `${cities[index % cities.length]}-${number}`;
    return { id: `reply-${number}`, goal: `Reply with "${expected}"`, expected };
  });
}
