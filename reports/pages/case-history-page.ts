// Case history (`/cases/:caseId`, `/api/cases/:caseId`): one case across runs, optionally for one
// `?agent` and `?model`: what the case asks (its card, from the newest run that recorded its
// definition), its totals and flake rate per agent and model, and its outcome in each run (epochs
// summed) with a trace to open, newest run first, each unpassed run with its failed checks' reasons
// or its error, so why a case failed reads without leaving the page.
import { z } from 'zod';
import type { CaseGroupTotals, CaseRunOutcome, CaseVerdict } from '../../store/index.js';
import { caseCard } from '../case-card.js';
import type { CaseCard } from '../case-card.js';
import { caseHistoryRowLimit } from '../constants.js';
import { notFound } from '../errors.js';
import { parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { withFigures } from '../totals-figures.js';
import type { TotalsFigures } from '../totals-figures.js';

export interface CaseGroupHistory extends CaseGroupTotals, TotalsFigures {
  /**
   * min(passed, failed) / (passed + failed) over every graded result of the case for this agent and
   * model: the eval's flake rate (FlakyCase.flakeRate) applied across runs. 0 is steady, 0.5 a coin
   * toss; undefined when nothing was graded.
   */
  flakeRate?: number;
}

/** One reason the case did not pass in a run: a failed check's, or the error's; the same reason in several epochs once. */
export interface CaseRunReason {
  /** The check that failed (`tools`, `output_contains`…), or `error` with the error's code. */
  check: string;
  reason: string;
  /** The epochs it happened in, each with its trace when it has one. */
  epochs: Array<{ epoch: number; traceId?: string }>;
}

export interface CaseRunHistory extends CaseRunOutcome, TotalsFigures {
  /** Why the unpassed results of this run, agent and model did not pass; empty when all passed. */
  reasons: CaseRunReason[];
}

export interface CaseHistoryPageData {
  caseId: string;
  filter: { agent?: string; model?: string };
  /** The goal and expectations as the newest run that recorded them has them (no checks). */
  card: CaseCard;
  /** The run the definition comes from; absent when no run recorded one. */
  definitionRunId?: string;
  groups: CaseGroupHistory[];
  runs: CaseRunHistory[];
  /** True when older rows than those shown exist. */
  truncated: boolean;
}

const querySchema = z.object({ agent: textParameter.optional(), model: textParameter.optional() });

const rowKey = (row: { runId: string; agent: string; model: string }) => `${row.runId}\u0000${row.agent}\u0000${row.model}`;

/** The verdicts of one row as reasons: failed checks first in their order, then errors; repeats merged across epochs. */
function reasonsOf(verdicts: readonly CaseVerdict[]): CaseRunReason[] {
  const reasons = new Map<string, CaseRunReason>();
  for (const verdict of verdicts) {
    const found = [
      ...verdict.checks.filter((check) => !check.passed).map((check) => ({ check: check.check, reason: check.reason })),
      ...(verdict.error && !verdict.checks.some((check) => !check.passed && check.reason.includes(verdict.error!.message)) ? [{ check: `error ${verdict.error.code}`, reason: verdict.error.message }] : []),
    ];
    for (const { check, reason } of found) {
      const key = `${check}\u0000${reason}`;
      const epoch = { epoch: verdict.epoch, ...(verdict.traceId ? { traceId: verdict.traceId } : {}) };
      const existing = reasons.get(key);
      if (existing) existing.epochs.push(epoch);
      else reasons.set(key, { check, reason, epochs: [epoch] });
    }
  }
  return [...reasons.values()];
}

function flakeRate(passed: number, failed: number): number | undefined {
  return passed + failed > 0 ? Math.min(passed, failed) / (passed + failed) : undefined;
}

export const caseHistoryPage = definePage<CaseHistoryPageData>({
  path: '/cases/:caseId',
  apiPath: '/api/cases/:caseId',
  view: 'case-history',
  title: (data) => `Case ${data.caseId}`,
  async load(request, { store }) {
    const caseId = request.params.caseId ?? '';
    const query = parseQuery(querySchema, request.query);
    const filter = { ...(query.agent ? { agent: query.agent } : {}), ...(query.model ? { model: query.model } : {}) };
    const [groups, rows, definition] = await Promise.all([
      store.caseGroupTotals(caseId, filter),
      store.caseRunOutcomes(caseId, { ...filter, limit: caseHistoryRowLimit + 1 }),
      store.newestCaseDefinition(caseId),
    ]);
    if (groups.length === 0) throw notFound(`Case ${JSON.stringify(caseId)}${query.agent || query.model ? ' with that agent and model' : ''}`);
    const shown = rows.slice(0, caseHistoryRowLimit);
    const unpassed = shown.filter((row) => row.failed + row.errors > 0);
    const verdictsByRow = new Map<string, CaseVerdict[]>();
    for (const verdict of await store.unpassedCaseVerdicts(caseId, [...new Set(unpassed.map((row) => row.runId))])) {
      const key = rowKey(verdict);
      verdictsByRow.set(key, [...(verdictsByRow.get(key) ?? []), verdict]);
    }
    return {
      caseId,
      filter,
      card: caseCard(caseId, definition?.definition),
      ...(definition ? { definitionRunId: definition.runId } : {}),
      groups: groups.map((group) => {
        const rate = flakeRate(group.passed, group.failed);
        return { ...withFigures(group), ...(rate !== undefined ? { flakeRate: rate } : {}) };
      }),
      runs: shown.map((row) => ({ ...withFigures(row), reasons: reasonsOf(verdictsByRow.get(rowKey(row)) ?? []) })),
      truncated: rows.length > caseHistoryRowLimit,
    };
  },
});
