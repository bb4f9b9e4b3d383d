// Figures derived from aggregated totals, in JavaScript on a handful of rows: the Wilson interval of
// the success rate (errors left out, as in the eval's statistics) and the cost per success.
import { wilsonInterval } from '../eval/index.js';
import type { WilsonInterval } from '../eval/index.js';
import type { ResultTotals } from '../store/index.js';

export interface TotalsFigures {
  successRate: WilsonInterval;
  /** Cost of the priced results / their passes; undefined without a price or a pass. */
  costPerSuccess?: number;
  tokens: number;
}

export function totalsFigures(totals: ResultTotals): TotalsFigures {
  return {
    successRate: wilsonInterval(totals.passed, totals.passed + totals.failed),
    ...(totals.costUsd !== undefined && totals.pricedPasses > 0 ? { costPerSuccess: totals.costUsd / totals.pricedPasses } : {}),
    tokens: totals.inputTokens + totals.outputTokens,
  };
}

/** Totals with their figures beside them. */
export function withFigures<Totals extends ResultTotals>(totals: Totals): Totals & TotalsFigures {
  return { ...totals, ...totalsFigures(totals) };
}
