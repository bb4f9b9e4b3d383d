// The calibration of a run's confidence ratings as the reports show it: the groups from the results,
// the rows of the one table a reader needs (rated, Brier, ECE, escalated share, pass rates either side
// of the threshold), and the sentence on how to pick a threshold from them.
import type { CaseResultRecord, RunRecord } from '../../store/index.js';
import { calibrate, type CalibrationGroup } from '../statistics/index.js';
import { formatInterval, formatPercent, MISSING } from './format-figures.js';

/** Per model × agent over the rated results, against the thresholds the run rated with; empty when nothing was rated. */
export function runCalibration(run: RunRecord, results: Iterable<Pick<CaseResultRecord, 'model' | 'agent' | 'status' | 'confidence' | 'escalated'>>): CalibrationGroup[] {
  const settings = run.config.confidence;
  return calibrate(results, settings ? { thresholdFor: (agent) => settings.agents?.[agent] ?? settings.threshold } : {});
}

export const calibrationColumns = ['model', 'agent', 'rated', 'threshold', 'Brier', 'ECE', 'escalated', 'pass rate escalated [95% CI]', 'pass rate kept [95% CI]'] as const;
export const calibrationAlign: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];

/** Three decimals: Brier scores and ECE are small numbers whose second decimal matters. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : MISSING;
}

export function calibrationRows(groups: readonly CalibrationGroup[]): string[][] {
  return groups.map((group) => [
    group.model,
    group.agent,
    String(group.rated),
    group.threshold === undefined ? MISSING : String(group.threshold),
    formatScore(group.brierScore),
    formatScore(group.expectedCalibrationError),
    `${formatPercent(group.escalated.results / group.rated)} (${group.escalated.results})`,
    formatInterval(group.escalated.passRate),
    formatInterval(group.notEscalated.passRate),
  ]);
}

/** What the figures mean and how to choose a threshold from them, for under the table. */
export const calibrationGuide =
  'Brier: mean squared gap between confidence and passing (0 is perfect; always saying 0.5 scores 0.25). ECE: how far, weighted by results, ' +
  'each tenth of confidence passes more or less often than it claims. Errors are left out (no graded answer). To pick a threshold: ' +
  'raise it while the pass rate of escalated answers stays well below that of the kept ones and the escalated share is a load your ' +
  'reviewers can take; lower it when the two pass rates overlap (the rating is not telling them apart there).';
