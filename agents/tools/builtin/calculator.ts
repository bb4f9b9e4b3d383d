// The calculator tool: arithmetic, functions and unit conversions through a limited mathjs.
import { z } from 'zod';
import { CALCULATOR_MAX_EXPRESSION_LENGTH } from '../constants.js';
import { defineTool } from '../define-tool.js';
import { evaluateExpression, loadMathEvaluator } from './math-evaluator.js';

export const calculatorTool = defineTool({
  name: 'calculator',
  description:
    'Evaluate a mathematical expression and return the result, e.g. "17 * 23", "sqrt(2) / 3", ' +
    '"(48000 * 0.15)" or "5 cm to inch". Supports arithmetic, powers, common functions and units. ' +
    'It is not a programming language.',
  permission: 'read',
  parameters: z.object({
    expression: z
      .string()
      .min(1)
      .max(CALCULATOR_MAX_EXPRESSION_LENGTH)
      .describe('The expression to evaluate, in ordinary mathematical notation'),
  }),
  // mathjs loads on first use (half a second on a quiet machine, far more on a loaded one), outside the call's deadline.
  prepare: loadMathEvaluator,
  async execute({ expression }) {
    return evaluateExpression(expression);
  },
});
