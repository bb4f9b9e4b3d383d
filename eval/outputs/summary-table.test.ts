// The terminal table: one row per model × agent with the figures worked out by hand, then the
// comparison and the gates.
import { describe, expect, it } from 'vitest';
import { syntheticReport } from './run-report-fixture.js';
import { formatSummaryTable } from './summary-table.js';

/** The cells of the table row that starts with `model agent`, split on runs of two or more spaces. */
function row(text: string, model: string, agent: string): string[] {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${model} `) && candidate.includes(` ${agent} `));
  if (!line) throw new Error(`no row for ${model} ${agent} in\n${text}`);
  return line.split(/ {2,}/);
}

describe('formatSummaryTable', () => {
  const report = syntheticReport();
  const text = formatSummaryTable(report);

  it('heads the table with k in pass^k', () => {
    // every graded case has 2 epochs (sim:weak·react·c3 has none and is left out) → k = 2
    expect(text).toMatch(/model\s+agent\s+pass\s+fail\s+error\s+success \[95% CI\]\s+error share\s+pass\^2 scored\s+pass\^2 strict\s+p50 tokens\s+cost\s+cost\/success\s+flaky/);
    expect(text).toContain('pass^2 scored: all 2 tries of a case pass, over scored epochs (errors left out); pass^2 strict: errors count as failed tries (as in τ-bench).');
  });

  it('prints counts, the Wilson interval, pass^k, tokens and cost for each model × agent', () => {
    // sim:strong·react: 5 pass, 1 fail → Wilson 5/6: d = 1 + z²/6 = 1.640243, centre = 1.153455/1.640243 = 0.703222,
    // half = (z/d) × √(0.023148 + 0.026673) = 1.194921 × 0.223210 = 0.266725 → [43.6–97.0]
    // pass^2: c1 = 1, c2 = C(1,2)/C(2,2) = 0, c3 = 1 → 2/3; tokens 100 + 50 = 150;
    // cost 6 × $0.002 = $0.012, per success $0.012 / 5 = $0.0024; flaky: c2
    // no errors: error share 0.0%, and pass^2 strict equals pass^2 scored
    expect(row(text, 'sim:strong', 'react')).toEqual(['sim:strong', 'react', '5', '1', '0', '83.3% [43.6–97.0]', '0.0%', '66.7%', '66.7%', '150', '$0.0120', '$0.0024', '1']);
    // sim:strong·plan: 3 of 6 → [18.8–81.2]; pass^2 = (1 + 0 + 0)/3; per success $0.012 / 3 = $0.0040
    expect(row(text, 'sim:strong', 'plan')).toEqual(['sim:strong', 'plan', '3', '3', '0', '50.0% [18.8–81.2]', '0.0%', '33.3%', '33.3%', '150', '$0.0120', '$0.0040', '1']);
    // sim:weak·react: 1 pass, 3 fail, 2 errors left out → 1/4 → [4.6–69.9]; error share 2/6 = 33.3%;
    // pass^2 over c1, c2 = 0, and strict over c1, c2, c3 (two errors: two failed tries) = 0; no price
    expect(row(text, 'sim:weak', 'react')).toEqual(['sim:weak', 'react', '1', '3', '2', '25.0% [4.6–69.9]', '33.3%', '0.0%', '0.0%', '150', '—', '—', '1']);
    expect(row(text, 'sim:weak', 'plan')).toEqual(['sim:weak', 'plan', '5', '1', '0', '83.3% [43.6–97.0]', '0.0%', '66.7%', '66.7%', '150', '—', '—', '1']);
  });

  it('ends the table with an overall row', () => {
    // 14 pass, 8 fail, 2 errors → 14/22 = 63.6% [43.0–80.3]; error share 2/24 = 8.3%;
    // pass^2 = (2 + 1 + 0 + 2)/11 = 45.5%; strict adds sim:weak·react·c3 (0) → 5/12 = 41.7%;
    // cost $0.024 over the 8 priced passes = $0.0030
    const overall = text.split('\n').find((line) => line.startsWith('all '))!;
    expect(overall.split(/ {2,}/)).toEqual(['all', '14', '8', '2', '63.6% [43.0–80.3]', '8.3%', '45.5%', '41.7%', '150', '$0.0240', '$0.0030', '4']);
  });

  it('lists the errors by kind, most frequent first, with their count and share', () => {
    expect(text).toContain('Errors: 2 of 24 results (8.3%), 1 kind\n  2 × AGENTLAB_MODEL_UNAVAILABLE: endpoint returned 503 <html>');
    const many = syntheticReport();
    many.errorGroups = Array.from({ length: 7 }, (_, index) => ({ code: 'model_call_failed', message: `kind ${index}\nsecond line`, count: 7 - index }));
    const listed = formatSummaryTable(many);
    expect(listed).toContain('  7 × model_call_failed: kind 0 second line\n');
    expect(listed).toContain('  3 × model_call_failed: kind 4 second line\n  … 2 more kinds');
    expect(formatSummaryTable({ ...many, errorGroups: [] })).not.toContain('Errors:');
  });

  it('says it could not compare, and why, when no result pairs with the baseline', () => {
    const report = syntheticReport();
    report.comparison!.result = { ...report.comparison!.result, paired: 0, excludedErrors: 0, unmatched: { baseline: 24, candidate: 24 } };
    expect(formatSummaryTable(report)).toContain(
      "Compared with run-baseline: could not compare: no shared cells: the baseline's 24 and this run's 24 results have no case, agent, model and epoch in common",
    );
    expect(formatSummaryTable(report)).not.toContain('no significant change');
  });

  it('aligns the columns', () => {
    const lines = text.split('\n').filter((line) => line.startsWith('sim:') || line.startsWith('all '));
    const successEnds = lines.map((line) => line.indexOf(']') + 1);
    expect(new Set(successEnds).size).toBe(1);
  });

  it('states the comparison with the flipped cases, and the gates', () => {
    // b = 8 regressions, c = 0: p = 2 × 1/2⁸ = 0.0078125 → regressed
    expect(text).toContain('Compared with run-baseline: regressed (p = 0.00781): 8 regressions, 0 improvements over 22 paired results; 2 pairs left out for errors');
    expect(text).toContain('  regressions: c1 · react · sim:weak #1, c2 · plan · sim:strong #1,');
    expect(text).toContain('… 3 more');
    expect(text).toContain('  ✗ min-success: success rate 63.6% (minimum 80.0%)');
  });

  it('colours only when asked', () => {
    expect(text).not.toContain('\u001b[');
    const colored = formatSummaryTable(report, { color: true });
    expect(colored).toContain('\u001b[31mregressed\u001b[0m');
    expect(colored).toContain('\u001b[31m✗\u001b[0m min-success');
  });
});
