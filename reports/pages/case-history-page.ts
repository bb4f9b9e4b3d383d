// Case history (`/cases/:caseId`, `/api/cases/:caseId`): one case across runs, optionally for one
// `?agent` and `?model`: its totals and flake rate per agent and model, and its outcome in each run
// (epochs summed) with a trace to open, newest run first.
import { z } from 'zod';
import type { CaseGroupTotals, CaseRunOutcome } from '../../store/index.js';
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

export interface CaseHistoryPageData {
  caseId: string;
  filter: { agent?: string; model?: string };
  groups: CaseGroupHistory[];
  runs: Array<CaseRunOutcome & TotalsFigures>;
  /** True when older rows than those shown exist. */
  truncated: boolean;
}

const querySchema = z.object({ agent: textParameter.optional(), model: textParameter.optional() });

function flakeRate(passed: number, failed: number): number | undefined {
  return passed + failed > 0 ? Math.min(passed, failed) / (passed + failed) : undefined;
}

export const caseHistoryPage = definePage<CaseHistoryPageData>({
  path: '/cases/:caseId',
  apiPath: '/api/cases/:caseId',
  view: 'case-history',
  title: (data) => `Case ${data.caseId}`,
  load(request, { store }) {
    const caseId = request.params.caseId ?? '';
    const query = parseQuery(querySchema, request.query);
    const filter = { ...(query.agent ? { agent: query.agent } : {}), ...(query.model ? { model: query.model } : {}) };
    const groups = store.caseGroupTotals(caseId, filter);
    if (groups.length === 0) throw notFound(`Case ${JSON.stringify(caseId)}${query.agent || query.model ? ' with that agent and model' : ''}`);
    const rows = store.caseRunOutcomes(caseId, { ...filter, limit: caseHistoryRowLimit + 1 });
    return {
      caseId,
      filter,
      groups: groups.map((group) => {
        const rate = flakeRate(group.passed, group.failed);
        return { ...withFigures(group), ...(rate !== undefined ? { flakeRate: rate } : {}) };
      }),
      runs: rows.slice(0, caseHistoryRowLimit).map(withFigures),
      truncated: rows.length > caseHistoryRowLimit,
    };
  },
});
