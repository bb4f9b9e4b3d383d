// GitHub-flavoured Markdown for a CI step summary: the gates as a headline, the summary table, the
// calibration of confidence ratings when answers were rated, the comparison with flipped cases,
// flaky cases, then failures and errors. Untrusted text is escaped so it cannot
// inject markup.
import { flakyCases, type FlippedCase } from '../statistics/index.js';
import type { CaseResultRecord } from '../../store/index.js';
import { ERROR_GROUPS_SHOWN, MARKDOWN_FAILURES_SHOWN, MARKDOWN_FLAKY_SHOWN, MARKDOWN_FLIPPED_SHOWN } from './constants.js';
import { calibrationAlign, calibrationColumns, calibrationGuide, calibrationRows, runCalibration } from './calibration-section.js';
import { comparisonVerdict } from './comparison-summary.js';
import { errorGroupLines, errorsHeading } from './error-group-lines.js';
import { failureDetails } from './failure-details.js';
import { formatPercent } from './format-figures.js';
import { escapeMarkdown } from './markdown-escape.js';
import { sortResults } from './result-order.js';
import type { RunReport } from './run-report.js';
import { passHatKLegend, summaryColumns, summaryRows } from './summary-rows.js';

function table(header: string[], align: Array<'left' | 'right'>, rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((side) => (side === 'left' ? ':---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`),
  ];
}

function headline(report: RunReport): string {
  const failed = report.gates.filter((gate) => !gate.passed).length;
  if (report.gates.length === 0) return `## ✅ agentlab eval ${escapeMarkdown(report.run.id)}: no gates set`;
  if (failed === 0) return `## ✅ agentlab eval ${escapeMarkdown(report.run.id)}: all ${report.gates.length} gates passed`;
  return `## ❌ agentlab eval ${escapeMarkdown(report.run.id)}: ${failed} of ${report.gates.length} gates failed`;
}

function runLine(report: RunReport): string {
  const { run } = report;
  const parts = [
    `${report.results.length} results of ${run.plannedResults} planned`,
    `run ${run.status}`,
    `dataset ${escapeMarkdown(run.datasetPath)} (sha256 ${run.datasetHash.slice(0, 12)})`,
    `seed ${run.config.seed}`,
    ...(run.gitCommit ? [`commit ${escapeMarkdown(run.gitCommit.slice(0, 12))}`] : []),
  ];
  return parts.join(' · ');
}

function flippedSection(title: string, flips: readonly FlippedCase[]): string[] {
  if (flips.length === 0) return [];
  const shown = flips.slice(0, MARKDOWN_FLIPPED_SHOWN);
  const more = flips.length > shown.length ? [``, `… and ${flips.length - shown.length} more.`] : [];
  return [
    '',
    `**${title}** (${flips.length})`,
    '',
    ...table(['case', 'agent', 'model', 'epoch'], ['left', 'left', 'left', 'right'], shown.map((flip) => [flip.caseId, flip.agent, flip.model ?? '', String(flip.epoch)])),
    ...more,
  ];
}

function flakySection(report: RunReport): string[] {
  const flaky = flakyCases(report.results);
  if (flaky.length === 0) return [];
  const shown = flaky.slice(0, MARKDOWN_FLAKY_SHOWN);
  return [
    '',
    `### Flaky cases (${shown.length < flaky.length ? `${shown.length} of ${flaky.length}` : flaky.length})`,
    '',
    'Passed in some epochs and failed in others, with the same agent and model.',
    '',
    ...table(
      ['case', 'agent', 'model', 'pass', 'fail', 'error'],
      ['left', 'left', 'left', 'right', 'right', 'right'],
      shown.map((tally) => [tally.caseId, tally.agent, tally.model, String(tally.passed), String(tally.failed), String(tally.errors)]),
    ),
  ];
}

function calibrationSection(report: RunReport): string[] {
  const groups = runCalibration(report.run, report.results);
  if (groups.length === 0) return [];
  // The reliability diagram's bars, folded away: what a reader checks once the table raises a question.
  const binRows = groups.flatMap((group) =>
    group.bins.filter((bin) => bin.count > 0).map((bin) => [group.model, group.agent, `${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)}`, String(bin.count), bin.meanConfidence.toFixed(2), formatPercent(bin.passRate)]),
  );
  return [
    '',
    '### Calibration',
    '',
    'Each answer was rated by a second call to its model; those below the threshold went to the review queue.',
    '',
    ...table([...calibrationColumns], calibrationAlign, calibrationRows(groups)),
    '',
    calibrationGuide,
    '',
    '<details><summary>Reliability diagram: pass rate per tenth of confidence</summary>',
    '',
    ...table(['model', 'agent', 'confidence', 'results', 'mean confidence', 'pass rate'], ['left', 'left', 'left', 'right', 'right', 'right'], binRows),
    '',
    '</details>',
  ];
}

function resultTitle(result: CaseResultRecord): string {
  return `**${escapeMarkdown(result.caseId)}** · ${escapeMarkdown(result.agent)} · ${escapeMarkdown(result.model)} · epoch ${result.epoch}`;
}

function resultsSection(title: string, results: readonly CaseResultRecord[]): string[] {
  if (results.length === 0) return [];
  const shown = sortResults(results).slice(0, MARKDOWN_FAILURES_SHOWN);
  const count = shown.length < results.length ? `${shown.length} of ${results.length}` : String(results.length);
  return [
    '',
    `### ${title} (${count})`,
    '',
    ...shown.flatMap((result) => [`- ${resultTitle(result)}`, ...failureDetails(result).map((line) => `  - ${escapeMarkdown(line)}`)]),
  ];
}

export function toMarkdown(report: RunReport): string {
  const columns = summaryColumns(report.overall.k);
  const lines = [
    headline(report),
    '',
    runLine(report),
    ...(report.cassettes ? ['', escapeMarkdown(report.cassettes.line)] : []),
    ...(report.rateLimits ? ['', escapeMarkdown(report.rateLimits.line)] : []),
    ...(report.gates.length > 0 ? ['', ...report.gates.map((gate) => `- ${gate.passed ? '✅' : '❌'} **${escapeMarkdown(gate.gate)}**: ${escapeMarkdown(gate.detail)}`)] : []),
    '',
    '### Summary',
    '',
    ...table(
      columns.map((column) => column.title),
      columns.map((column) => column.align),
      summaryRows(report),
    ),
    '',
    `Success rates leave errors out (they are counted apart, and the error share is errors over all results); the interval is Wilson 95%. ${passHatKLegend(report.overall.k)}`,
  ];
  lines.push(...calibrationSection(report));
  if (report.errorGroups.length > 0) {
    const { errors, results } = report.overall;
    lines.push(
      '',
      `### Errors by kind: ${errorsHeading(errors, results, report.errorGroups.length)}`,
      '',
      ...errorGroupLines(report.errorGroups, ERROR_GROUPS_SHOWN).map((text) => `- ${escapeMarkdown(text)}`),
    );
  }
  if (report.comparison) {
    const { result } = report.comparison;
    const { verdict, detail } = comparisonVerdict(report.comparison);
    lines.push(
      '',
      `### Comparison with ${escapeMarkdown(report.comparison.baselineRunId)}`,
      '',
      `**${verdict}**${detail}`,
      ...flippedSection('Regressions: passed in the baseline, fail now', result.flipped.regressions),
      ...flippedSection('Improvements: failed in the baseline, pass now', result.flipped.improvements),
    );
  }
  lines.push(
    ...flakySection(report),
    ...resultsSection(
      'Failures',
      report.results.filter((result) => result.status === 'fail'),
    ),
    ...resultsSection(
      'Errors',
      report.results.filter((result) => result.status === 'error'),
    ),
  );
  return `${lines.join('\n')}\n`;
}
