// Which cases flip between epochs, and how unsteady they are.
import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../store/index.js';
import { flakyCases } from './flaky-cases.js';
import { caseResult } from './result-fixture.js';

function epochs(caseId: string, statuses: CaseStatus[], model = 'sim:strong') {
  return statuses.map((status, index) => caseResult({ caseId, status, model, epoch: index + 1 }));
}

describe('flakyCases', () => {
  it('finds cases that both passed and failed, with counts and flake rate', () => {
    const results = [
      ...epochs('steady-pass', ['pass', 'pass', 'pass']),
      ...epochs('steady-fail', ['fail', 'fail', 'fail']),
      // 3 pass, 1 fail → min(3, 1) / 4 = 0.25
      ...epochs('mostly', ['pass', 'fail', 'pass', 'pass']),
      // 2 pass, 2 fail, 1 error → min(2, 2) / 4 = 0.5; the error is left out
      ...epochs('coin', ['pass', 'fail', 'error', 'fail', 'pass']),
    ];
    expect(flakyCases(results)).toEqual([
      { caseId: 'coin', agent: 'react', model: 'sim:strong', passed: 2, failed: 2, errors: 1, flakeRate: 0.5 },
      { caseId: 'mostly', agent: 'react', model: 'sim:strong', passed: 3, failed: 1, errors: 0, flakeRate: 0.25 },
    ]);
  });

  it('does not call a case flaky for passing with one model and failing with another', () => {
    const results = [...epochs('c1', ['pass', 'pass'], 'sim:strong'), ...epochs('c1', ['fail', 'fail'], 'sim:weak')];
    expect(flakyCases(results)).toEqual([]);
  });

  it('does not count an error as a flip', () => {
    expect(flakyCases(epochs('c1', ['pass', 'error', 'pass']))).toEqual([]);
  });
});
