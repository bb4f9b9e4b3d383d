// Every gate's verdict on a summarised run, in the order they are listed: the ones the user set
// (min-success, no-regression), then the error share, then the guard that a run with no scored
// result never passes.
import type { BaselineComparison, GateResult } from '../outputs/index.js';
import type { ErrorGroup, ResultSummary } from '../statistics/index.js';
import { DEFAULT_MAX_ERRORS } from './constants.js';
import { maxErrorsGate } from './max-errors-gate.js';
import { minSuccessGate } from './min-success-gate.js';
import { regressionGate } from './regression-gate.js';
import { scoredResultsGate } from './scored-results-gate.js';

export interface GateSettings {
  failOnRegression?: boolean;
  /** 0–1. */
  minSuccess?: number;
  /** 0–1; DEFAULT_MAX_ERRORS when not given, 1 (or more) for none. */
  maxErrors?: number;
}

export interface GateInputs {
  overall: ResultSummary;
  /** The run's errors grouped, most frequent first. */
  errorGroups: readonly ErrorGroup[];
  comparison?: BaselineComparison;
  /** Why there is no comparison, when a baseline was asked for and none was found. */
  baselineNote?: string;
}

export function decideGates(inputs: GateInputs, settings: GateSettings): GateResult[] {
  const gates: Array<GateResult | undefined> = [
    settings.minSuccess !== undefined ? minSuccessGate(inputs.overall, settings.minSuccess) : undefined,
    settings.failOnRegression ? regressionGate(inputs.comparison, inputs.baselineNote ?? 'no baseline given') : undefined,
    maxErrorsGate(inputs.overall, settings.maxErrors ?? DEFAULT_MAX_ERRORS, inputs.errorGroups),
    scoredResultsGate(inputs.overall, inputs.errorGroups),
  ];
  return gates.filter((gate) => gate !== undefined);
}
