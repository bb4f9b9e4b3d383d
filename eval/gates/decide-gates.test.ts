// The gates on summaries made from results: a run with no scored result never passes and names its
// errors, the error share has a ceiling (10% unless told), min-success never prints NaN%, and a
// regression gate with nothing paired fails, saying why.
import { describe, expect, it } from 'vitest';
import type { CaseResultRecord, CaseStatus } from '../../store/index.js';
import { caseResult } from '../statistics/result-fixture.js';
import { compareRuns, groupErrors, summarizeResults } from '../statistics/index.js';
import { decideGates, type GateSettings } from './decide-gates.js';

const refused = { code: 'model_call_failed', message: 'gpt-4o-mini failed 3 times; last error: connection refused: http://127.0.0.1:9/v1/chat/completions' };

function results(statuses: CaseStatus[], error = refused): CaseResultRecord[] {
  return statuses.map((status, index) => caseResult({ caseId: `c${index}`, status, ...(status === 'error' ? { error } : {}) }));
}

function gatesOf(list: CaseResultRecord[], settings: GateSettings = {}) {
  return decideGates({ overall: summarizeResults(list, { k: 1 }).overall, errorGroups: groupErrors(list) }, settings);
}

describe('decideGates', () => {
  it('fails a run with no scored result, naming its errors by kind with the URL', () => {
    const gates = gatesOf([...results(['error', 'error', 'error']), ...results(['error'], { code: 'case_timeout', message: 'the case did not finish within 100 ms' })]);
    expect(gates.find((gate) => gate.gate === 'scored-results')).toEqual({
      gate: 'scored-results',
      passed: false,
      detail: `no scored results: all 4 results are errors: 3 × model_call_failed: ${refused.message}; 1 × case_timeout: the case did not finish within 100 ms`,
    });
  });

  it('still fails a run with no scored result when --max-errors 100% turns the error share gate off', () => {
    const gates = gatesOf(results(['error', 'error']), { maxErrors: 1 });
    expect(gates.map((gate) => [gate.gate, gate.passed])).toEqual([['scored-results', false]]);
  });

  it('lists no scored-results gate while something was scored', () => {
    expect(gatesOf(results(['fail'])).map((gate) => gate.gate)).toEqual(['max-errors']);
  });

  it('holds the error share to 10% by default, and to the rate given', () => {
    const oneInTen = results(['error', ...Array<CaseStatus>(9).fill('pass')]);
    expect(gatesOf(oneInTen)).toEqual([{ gate: 'max-errors', passed: true, detail: 'error share 10.0% (1 of 10 results; maximum 10.0%)' }]);
    const twoInTen = results(['error', 'error', ...Array<CaseStatus>(8).fill('pass')]);
    expect(gatesOf(twoInTen)).toEqual([
      { gate: 'max-errors', passed: false, detail: `error share 20.0% (2 of 10 results) exceeds the maximum 10.0%: 2 × model_call_failed: ${refused.message}` },
    ]);
    expect(gatesOf(twoInTen, { maxErrors: 0.25 })[0]!.passed).toBe(true);
    expect(gatesOf(twoInTen, { maxErrors: 1 })).toEqual([]);
  });

  it('fails min-success without a rate when nothing was scored, instead of printing NaN%', () => {
    const [minSuccess] = gatesOf(results(['error', 'error']), { minSuccess: 0.8 });
    expect(minSuccess).toEqual({ gate: 'min-success', passed: false, detail: 'no scored results to take a success rate over (all 2 results are errors; minimum 80.0%)' });
    expect(minSuccess!.detail).not.toContain('NaN');
    expect(gatesOf(results(['pass', 'fail']), { minSuccess: 0.5 })[0]).toEqual({ gate: 'min-success', passed: true, detail: 'success rate 50.0% (minimum 50.0%)' });
  });

  it('fails the regression gate when no result pairs with the baseline, saying it could not compare and why', () => {
    const candidate = results(['pass', 'pass']);
    const elsewhere = candidate.map((result) => ({ ...result, caseId: `other-${result.caseId}` }));
    const overall = summarizeResults(candidate, { k: 1 }).overall;
    const [gate] = decideGates({ overall, errorGroups: [], comparison: { baselineRunId: 'run-old', result: compareRuns(elsewhere, candidate) } }, { failOnRegression: true });
    expect(gate).toEqual({
      gate: 'no-regression',
      passed: false,
      detail: "could not compare with run-old: no shared cells: the baseline's 2 and this run's 2 results have no case, agent, model and epoch in common",
    });
    const [erroredBaseline] = decideGates(
      { overall, errorGroups: [], comparison: { baselineRunId: 'run-old', result: compareRuns(results(['error', 'error']), candidate) } },
      { failOnRegression: true },
    );
    expect(erroredBaseline).toMatchObject({ passed: false, detail: 'could not compare with run-old: no shared cells with a verdict on both sides: all 2 shared cells are errors in one run or both' });
    const [compared] = decideGates({ overall, errorGroups: [], comparison: { baselineRunId: 'run-old', result: compareRuns(candidate, candidate) } }, { failOnRegression: true });
    expect(compared).toEqual({ gate: 'no-regression', passed: true, detail: 'against run-old: no significant change (p = 1.00)' });
  });
});
