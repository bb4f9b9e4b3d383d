// The JSON report: complete, stably ordered, output capped, and unchanged by a trip through JSON.
import { describe, expect, it } from 'vitest';
import { OUTPUT_MAX_LENGTH } from './constants.js';
import { toJsonReport } from './json-report.js';
import { ratedReport, syntheticReport } from './run-report-fixture.js';

describe('toJsonReport', () => {
  const report = syntheticReport();
  const json = toJsonReport(report);

  it('survives JSON.stringify and JSON.parse unchanged', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('carries the run, the summaries, the comparison, the gates and every result', () => {
    expect(json.schemaVersion).toBe(1);
    expect(json.run.id).toBe('run-20251124-0300-abcdef');
    expect(json.overall).toMatchObject({ results: 24, passed: 14, failed: 8, errors: 2, k: 2 });
    // the error share and pass^k counting errors as failures, beside pass^k over scored epochs
    expect(json.overall.errorShare).toBeCloseTo(2 / 24, 12);
    expect(json.overall.passHatK).toBeCloseTo(5 / 11, 12);
    expect(json.overall.passHatKCountingErrors).toBeCloseTo(5 / 12, 12);
    expect(json.errorGroups).toEqual([{ code: 'AGENTLAB_MODEL_UNAVAILABLE', message: 'endpoint returned 503 <html>', count: 2 }]);
    expect(json.groups).toHaveLength(4);
    expect(json.comparison).toMatchObject({ baselineRunId: 'run-baseline', result: { b: 8, c: 0, verdict: 'regressed', excludedErrors: 2 } });
    expect(json.gates).toEqual(report.gates);
    expect(json.results).toHaveLength(24);
    // every flaky case here went 1–1 (flake rate 0.5), so they come in case order
    expect(json.flaky.map((flaky) => `${flaky.caseId} ${flaky.agent} ${flaky.model}`)).toEqual([
      'c1 react sim:weak',
      'c2 react sim:strong',
      'c3 plan sim:strong',
      'c3 plan sim:weak',
    ]);
  });

  it('carries the calibration of rated answers, each result its confidence, and an empty list when nothing was rated', () => {
    expect(json.calibration).toEqual([]);
    const rated = toJsonReport(ratedReport());
    const strongReact = rated.calibration.find((group) => group.model === 'sim:strong' && group.agent === 'react')!;
    expect(strongReact).toMatchObject({ threshold: 0.85, rated: 6, passed: 5, excludedErrors: 0, escalated: { results: 1, passed: 0 }, notEscalated: { results: 5, passed: 5 } });
    expect(strongReact.brierScore).toBeCloseTo(0.41 / 6, 12);
    expect(strongReact.bins).toHaveLength(10);
    // An empty bin's mean and pass rate have no value: null, as every NaN in the report.
    expect(strongReact.bins[0]).toEqual({ lower: 0, upper: 0.1, count: 0, meanConfidence: null, passRate: null });
    expect(JSON.parse(JSON.stringify(rated))).toEqual(rated);
    expect(rated.results.find((result) => result.status === 'fail')).toMatchObject({ confidence: 0.6, escalated: true });
  });

  it('orders results by model, agent, case and epoch whatever order they came in', () => {
    const shuffled = toJsonReport({ ...report, results: [...report.results].reverse() });
    expect(shuffled.results).toEqual(json.results);
    expect(json.results.slice(0, 2).map((result) => [result.model, result.agent, result.caseId, result.epoch])).toEqual([
      ['sim:strong', 'plan', 'c1', 1],
      ['sim:strong', 'plan', 'c1', 2],
    ]);
  });

  it('caps long output and says so', () => {
    const long = syntheticReport();
    long.results[0] = { ...long.results[0]!, output: 'x'.repeat(OUTPUT_MAX_LENGTH + 500) };
    const result = toJsonReport(long).results.find((candidate) => candidate.outputTruncated)!;
    expect(result.output.startsWith('x'.repeat(OUTPUT_MAX_LENGTH))).toBe(true);
    expect(result.output).toContain('… [500 more characters]');
    expect(json.results.every((candidate) => !candidate.outputTruncated)).toBe(true);
  });

  it('writes a figure with no value as null, not as a string or a missing key', () => {
    // sim:weak has no price: costUsd is absent; a group with no graded result has rate NaN → null
    const errorsOnly = syntheticReport();
    const onlyErrors = errorsOnly.groups.find((group) => group.model === 'sim:weak' && group.agent === 'react')!;
    onlyErrors.successRate = { rate: Number.NaN, lower: 0, upper: 1 };
    const group = toJsonReport(errorsOnly).groups.find((candidate) => candidate.model === 'sim:weak' && candidate.agent === 'react')!;
    expect(group.successRate.rate).toBeNull();
    expect('costUsd' in group).toBe(false);
  });
});
