// What a benchmark module exports: a name to select it by, and a run that returns its figures.
import type { Figure } from './figure.js';

export interface BenchmarkContext {
  /** How many measured runs (alternations, for side-by-side figures) to make; at least 3. */
  runs: number;
  /** Progress for the person watching; goes to stderr, never into the table. */
  log(message: string): void;
}

export interface Benchmark {
  /** Kebab-case, unique; `npm run bench -- --only <name>` selects it. */
  name: string;
  /** One line: what is measured against what. */
  description: string;
  run(context: BenchmarkContext): Promise<Figure[]>;
}

/** What one benchmark produced in a run of `npm run bench`. */
export interface BenchmarkOutcome {
  benchmark: string;
  seconds: number;
  figures: Figure[];
  /** Set when the benchmark threw: it then counts as a missed target. */
  error?: string;
}
