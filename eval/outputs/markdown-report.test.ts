// The Markdown step summary: headline from the gates, the table, the comparison, failures and errors,
// with hostile text unable to inject markup.
import { describe, expect, it } from 'vitest';
import { toMarkdown } from './markdown-report.js';
import { ratedReport, syntheticReport } from './run-report-fixture.js';

describe('toMarkdown', () => {
  const report = syntheticReport();
  const markdown = toMarkdown(report);
  const lines = markdown.split('\n');

  it('heads with the gates', () => {
    expect(lines[0]).toBe('## ❌ agentlab eval run-20251124-0300-abcdef: 2 of 2 gates failed');
    expect(markdown).toContain('- ❌ **min-success**: success rate 63.6% \\(minimum 80.0%\\)');
    const passing = toMarkdown({ ...report, gates: [{ gate: 'min-success', passed: true, detail: 'ok' }] });
    expect(passing.split('\n')[0]).toBe('## ✅ agentlab eval run-20251124-0300-abcdef: all 1 gates passed');
  });

  it('has the summary table with k in the header and a row per model × agent', () => {
    expect(markdown).toContain('| model | agent | pass | fail | error | success [95% CI] | error share | pass^2 scored | pass^2 strict | p50 tokens | cost | cost/success | flaky |');
    expect(markdown).toContain('| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    // 5 of 6 → Wilson [43.6–97.0]; brackets escaped so they can never start a link
    expect(markdown).toContain('| sim:strong | react | 5 | 1 | 0 | 83.3% \\[43.6–97.0\\] | 0.0% | 66.7% | 66.7% | 150 | \\$0.0120 | \\$0.0024 | 1 |');
    // 2 errors of 24 → 8.3%; pass^2 strict counts sim:weak·react·c3's errors as failed tries → 41.7%
    expect(markdown).toContain('| all |  | 14 | 8 | 2 | 63.6% \\[43.0–80.3\\] | 8.3% | 45.5% | 41.7% | 150 | \\$0.0240 | \\$0.0030 | 4 |');
    expect(markdown).toContain('pass^2 scored: all 2 tries of a case pass, over scored epochs (errors left out); pass^2 strict: errors count as failed tries (as in τ-bench).');
  });

  it('gives the comparison with the flipped cases', () => {
    expect(markdown).toContain('### Comparison with run-baseline');
    expect(markdown).toContain('**regressed** (p = 0.00781): 8 regressions, 0 improvements over 22 paired results; 2 pairs left out for errors');
    expect(markdown).toContain('| c1 | react | sim:weak | 1 |');
    expect(markdown).not.toContain('Improvements: failed in the baseline');
  });

  it('lists flaky cases', () => {
    expect(markdown).toContain('### Flaky cases (4)');
    expect(markdown).toContain('| c1 | react | sim:weak | 1 | 1 | 0 |');
  });

  it('lists failures with their failed checks’ reasons escaped, and the trace id', () => {
    expect(markdown).toContain('### Failures (8)');
    expect(markdown).toContain(
      '  - output\\_contains: expected "42" in the output; got &lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; "quotes" \\| \'pipe\' \\`code\\`',
    );
    expect(markdown).toContain('  - trace trace-weak-react-c1-1');
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toMatch(/[^\\]\|\s*'pipe'/);
  });

  it('lists errors apart from failures, grouped by kind first', () => {
    expect(markdown).toContain('### Errors by kind: 2 of 24 results (8.3%), 1 kind\n\n- 2 × AGENTLAB\\_MODEL\\_UNAVAILABLE: endpoint returned 503 &lt;html&gt;\n');
    expect(markdown).toContain('### Errors (2)');
    expect(markdown).toContain('  - AGENTLAB\\_MODEL\\_UNAVAILABLE: endpoint returned 503 &lt;html&gt;');
  });

  it('caps the failures it lists', () => {
    const many = syntheticReport();
    const failed = many.results.find((result) => result.status === 'fail')!;
    many.results = [...many.results, ...Array.from({ length: 30 }, (_, index) => ({ ...failed, caseId: `extra-${index}` }))];
    expect(toMarkdown(many)).toContain('### Failures (20 of 38)');
  });

  it('says it could not compare, and why, instead of a verdict over no pairs', () => {
    const unpaired = syntheticReport();
    unpaired.comparison!.result = { ...unpaired.comparison!.result, paired: 0, excludedErrors: 3, unmatched: { baseline: 0, candidate: 0 } };
    expect(toMarkdown(unpaired)).toContain('**could not compare**: no shared cells with a verdict on both sides: all 3 shared cells are errors in one run or both');
  });

  it('has a calibration section when answers were rated: one row per model × agent, how to read it, and the bins folded away', () => {
    const rated = toMarkdown(ratedReport());
    expect(rated).toContain('### Calibration');
    expect(rated).toContain('| model | agent | rated | threshold | Brier | ECE | escalated | pass rate escalated [95% CI] | pass rate kept [95% CI] |');
    // sim:strong × react: 5 passes at 0.9, 1 failure at 0.6 (escalated).
    // Brier (5 × 0.01 + 0.36) / 6 = 0.0683; ECE 5/6 × 0.1 + 1/6 × 0.6 = 0.1833; Wilson 0 of 1 → [0, 79.3], 5 of 5 → [56.6, 100].
    expect(rated).toContain('| sim:strong | react | 6 | 0.85 | 0.068 | 0.183 | 16.7% \\(1\\) | 0.0% \\[0.0–79.3\\] | 100.0% \\[56.6–100.0\\] |');
    // sim:weak × react: its two errors are not rated, so 4 rated results.
    expect(rated).toMatch(/\| sim:weak \| react \| 4 \|/);
    expect(rated).toContain('To pick a threshold');
    expect(rated).toContain('<details><summary>Reliability diagram');
    expect(rated).toContain('| sim:strong | react | 0.9–1.0 | 5 | 0.90 | 100.0% |');
    expect(markdown).not.toContain('### Calibration');
  });

  it('leaves out the comparison and the gates when there are none', () => {
    const { comparison: _comparison, ...rest } = report;
    const plain = toMarkdown({ ...rest, gates: [] });
    expect(plain.split('\n')[0]).toBe('## ✅ agentlab eval run-20251124-0300-abcdef: no gates set');
    expect(plain).not.toContain('### Comparison');
  });
});
