// A figure is one number a benchmark reports, with the target it must meet (or none, when it is
// only there to inform).

export type Comparison = '<=' | '>=';

export interface Target {
  comparison: Comparison;
  value: number;
}

export interface Figure {
  /** Unique across all benchmarks; it is the row label in the table and the key in the JSON. */
  name: string;
  value: number;
  /** Printed after the value: `ms`, `calls/s`, `×`, `MiB`… */
  unit: string;
  /** `null` for an informational figure, shown with "—" and never failing the run. */
  target: Target | null;
  /** One line on how it was measured (samples, the two sides compared), shown beside the value. */
  detail?: string;
}

/** `undefined` when the figure has no target. */
export function isMet(figure: Figure): boolean | undefined {
  if (figure.target === null) return undefined;
  // A NaN value (a benchmark that measured nothing) never meets a target.
  return figure.target.comparison === '<=' ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}
