// The calculator evaluates ordinary maths and refuses everything mathjs's security guide warns of.
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evaluateExpression } from './math-evaluator.js';

describe('evaluateExpression', () => {
  it.each([
    ['17 * 23', '391'],
    ['0.1 + 0.2', '0.3'],
    ['sqrt(2)^2', '2'],
    ['10!', '3628800'],
    ['48000 * 0.15', '7200'],
    ['(120 + 90 + 75) / 3', '95'],
    ['5 cm to inch', '1.9685039370079 inch'],
    ['2^64', '1.844674407371e+19'],
  ])('evaluates %s as %s', async (expression, expected) => {
    await expect(evaluateExpression(expression)).resolves.toBe(expected);
  });

  it.each([
    ['import({pi: 3})', /function import is disabled/],
    ['createUnit("smoot", "1.7018 m")', /function createUnit is disabled/],
    ['evaluate("1 + 1")', /function evaluate is disabled/],
    ['parse("1 + 1")', /function parse is disabled/],
    ['1:1e9', /function range is disabled/],
    ['zeros(100000, 100000)', /function zeros is disabled/],
    ['random()', /function random is disabled/],
    ['config({number: "BigNumber"})', /function config is disabled/],
    ['help(sqrt)', /function help is disabled/],
    ['require("fs")', /Undefined function require/],
    ['process.exit(1)', /Undefined symbol process/],
    ['(() => 1)()', /cannot evaluate/],
    ['[].constructor.constructor("return process")()', /cannot evaluate/],
    ['sqrt', /is not a calculation that produces a value/],
    ['   ', /the expression is empty/],
    ['1+'.repeat(300) + '1', /longer than 500 characters/],
  ])('refuses %s', async (expression, message) => {
    await expect(evaluateExpression(expression)).rejects.toThrow(ExpressionError);
    await expect(evaluateExpression(expression)).rejects.toThrow(message);
  });

  it('keeps no variables between calls', async () => {
    await expect(evaluateExpression('secret = 41; secret + 1')).resolves.toContain('42');
    await expect(evaluateExpression('secret')).rejects.toThrow(/Undefined symbol secret/);
  });

  it('cannot undo its own restrictions', async () => {
    await expect(evaluateExpression('import = 1; import({})')).rejects.toThrow(ExpressionError);
    await expect(evaluateExpression('import({})')).rejects.toThrow(/function import is disabled/);
  });
});
