// Calibration against figures worked out by hand: the bins of a reliability diagram, the Brier score,
// the expected calibration error, and the pass rates either side of the threshold.
import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../store/index.js';
import { binIndex, calibrate, type CalibrationInput } from './calibration.js';

function rated(confidence: number, status: CaseStatus, extra: Partial<CalibrationInput> = {}): CalibrationInput {
  return { model: 'sim:weak', agent: 'react', status, confidence, ...extra };
}

describe('binIndex', () => {
  it('puts a confidence in its tenth, the lower edge included and 1 in the last bin', () => {
    expect([0, 0.05, 0.1, 0.29, 0.3, 0.7, 0.85, 0.99, 1].map((confidence) => binIndex(confidence, 10))).toEqual([0, 0, 1, 2, 3, 7, 8, 9, 9]);
  });
});

describe('calibrate', () => {
  it('bins, Brier score and ECE of a small known set', () => {
    // Four results: 0.9 pass, 0.9 fail, 0.2 fail, 0.25 pass.
    // Bins: [0.9, 1.0] holds 2 (mean 0.9, pass 1/2); [0.2, 0.3) holds 2 (mean 0.225, pass 1/2).
    // Brier = ((0.9−1)² + (0.9−0)² + (0.2−0)² + (0.25−1)²) / 4 = (0.01 + 0.81 + 0.04 + 0.5625) / 4 = 0.355625
    // ECE = 2/4 × |0.5 − 0.9| + 2/4 × |0.5 − 0.225| = 0.2 + 0.1375 = 0.3375
    const [group] = calibrate([rated(0.9, 'pass'), rated(0.9, 'fail'), rated(0.2, 'fail'), rated(0.25, 'pass')]);
    expect(group!.rated).toBe(4);
    expect(group!.passed).toBe(2);
    expect(group!.bins).toHaveLength(10);
    expect(group!.bins[9]).toEqual({ lower: 0.9, upper: 1, count: 2, meanConfidence: 0.9, passRate: 0.5 });
    expect(group!.bins[2]).toMatchObject({ count: 2, meanConfidence: 0.225, passRate: 0.5 });
    expect(group!.brierScore).toBeCloseTo(0.355625, 10);
    expect(group!.expectedCalibrationError).toBeCloseTo(0.3375, 10);
    expect(group!.meanConfidence).toBeCloseTo(0.5625, 10);
  });

  it('leaves empty bins in the diagram with no mean and no pass rate, and out of the ECE', () => {
    const [group] = calibrate([rated(0.55, 'pass'), rated(0.55, 'fail')]);
    const empty = group!.bins.filter((bin) => bin.count === 0);
    expect(empty).toHaveLength(9);
    expect(empty.every((bin) => Number.isNaN(bin.meanConfidence) && Number.isNaN(bin.passRate))).toBe(true);
    // One bin: mean 0.55, pass rate 0.5 → ECE 0.05; Brier = (0.45² + 0.55²) / 2 = 0.2525.
    expect(group!.expectedCalibrationError).toBeCloseTo(0.05, 10);
    expect(group!.brierScore).toBeCloseTo(0.2525, 10);
  });

  it('is perfect when sure and right every time, and worst when sure and wrong every time', () => {
    const [right] = calibrate([rated(1, 'pass'), rated(1, 'pass'), rated(0, 'fail')]);
    expect(right!.brierScore).toBe(0);
    expect(right!.expectedCalibrationError).toBe(0);
    const [wrong] = calibrate([rated(1, 'fail'), rated(0, 'pass')]);
    expect(wrong!.brierScore).toBe(1);
    expect(wrong!.expectedCalibrationError).toBe(1);
  });

  it('when every answer passed or every answer failed, the pass rate of one side has no value', () => {
    const [allPassed] = calibrate([rated(0.9, 'pass'), rated(0.95, 'pass')], { thresholdFor: () => 0.85 });
    expect(allPassed!.escalated.results).toBe(0);
    expect(allPassed!.escalated.passRate.rate).toBeNaN();
    expect(allPassed!.notEscalated.passRate.rate).toBe(1);
    const [allFailed] = calibrate([rated(0.1, 'fail'), rated(0.2, 'fail')], { thresholdFor: () => 0.85 });
    expect(allFailed!.escalated).toMatchObject({ results: 2, passed: 0 });
    expect(allFailed!.escalated.passRate.upper).toBeGreaterThan(0);
    expect(allFailed!.notEscalated.passRate.rate).toBeNaN();
  });

  it('splits pass rates at the threshold, trusting a result that says whether it was escalated', () => {
    const results = [rated(0.9, 'pass'), rated(0.9, 'pass'), rated(0.95, 'fail'), rated(0.5, 'fail'), rated(0.3, 'pass'), rated(0.86, 'fail', { escalated: true })];
    const [group] = calibrate(results, { thresholdFor: (agent) => (agent === 'react' ? 0.85 : undefined) });
    expect(group!.threshold).toBe(0.85);
    expect(group!.escalated).toMatchObject({ results: 3, passed: 1 });
    expect(group!.notEscalated).toMatchObject({ results: 3, passed: 2 });
    expect(group!.notEscalated.passRate.rate).toBeCloseTo(2 / 3, 10);
  });

  it('leaves out unrated results and errors, counting the rated errors it left out', () => {
    const results: CalibrationInput[] = [rated(0.9, 'pass'), rated(0.4, 'error'), { model: 'sim:weak', agent: 'react', status: 'fail' }];
    const [group] = calibrate(results);
    expect(group!.rated).toBe(1);
    expect(group!.excludedErrors).toBe(1);
    expect(calibrate([{ model: 'sim:weak', agent: 'react', status: 'pass' }])).toEqual([]);
    expect(calibrate([])).toEqual([]);
  });

  it('makes one group per model and agent, sorted by model and then agent', () => {
    const groups = calibrate([rated(0.7, 'pass', { agent: 'supervisor' }), rated(0.2, 'fail'), rated(0.9, 'pass', { model: 'sim:strong' })]);
    expect(groups.map((group) => [group.model, group.agent, group.rated])).toEqual([
      ['sim:strong', 'react', 1],
      ['sim:weak', 'react', 1],
      ['sim:weak', 'supervisor', 1],
    ]);
  });
});
