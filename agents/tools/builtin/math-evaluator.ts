// A mathjs instance with the functions its security guide names as risky switched off, plus
// the ones that could allocate without bound or make results non-deterministic.
import type { MathJsInstance } from 'mathjs';
import { CALCULATOR_MAX_EXPRESSION_LENGTH, CALCULATOR_PRECISION } from '../constants.js';
import { ExpressionError } from '../errors.js';

const disabledFunctions = [
  // Named by https://mathjs.org/docs/expressions/security.html: they alter the instance or
  // parse arbitrary input into expression trees.
  'import', 'createUnit', 'reviver', 'evaluate', 'parse', 'compile', 'simplify', 'simplifyConstant',
  'simplifyCore', 'derivative', 'resolve',
  // `config` would change the shared instance for every later call; `help` evaluates examples.
  'config', 'help',
  // A calculator needs neither huge generated matrices nor randomness.
  'zeros', 'ones', 'identity', 'range', 'resize', 'matrixFromFunction',
  'random', 'randomInt', 'pickRandom',
];

type Evaluate = MathJsInstance['evaluate'];
let instance: Promise<{ math: MathJsInstance; evaluate: Evaluate }> | undefined;

// Loaded and built on first use: mathjs takes over half a second and tens of megabytes to load, which
// a run that never calculates should not pay.
function limitedMath(): Promise<{ math: MathJsInstance; evaluate: Evaluate }> {
  instance ??= buildLimitedMath();
  return instance;
}

async function buildLimitedMath(): Promise<{ math: MathJsInstance; evaluate: Evaluate }> {
  const { all, create } = await import('mathjs');
  const math = create(all);
  const evaluate = math.evaluate;
  const replacements: Record<string, () => never> = {};
  for (const name of disabledFunctions) {
    replacements[name] = () => {
      throw new Error(`function ${name} is disabled in this calculator`);
    };
  }
  math.import(replacements, { override: true });
  return { math, evaluate };
}

/** Loads and builds the limited mathjs once (the calculator's `prepare`: the load is no call's work). */
export async function loadMathEvaluator(): Promise<void> {
  await limitedMath();
}

/** Evaluates a mathematical expression and returns its value as text, e.g. `391` or `2.54 cm`. */
export async function evaluateExpression(expression: string): Promise<string> {
  const trimmed = expression.trim();
  if (trimmed === '') throw new ExpressionError('the expression is empty');
  if (trimmed.length > CALCULATOR_MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is longer than ${CALCULATOR_MAX_EXPRESSION_LENGTH} characters`);
  }
  const { math, evaluate } = await limitedMath();
  let value: unknown;
  try {
    // A fresh scope per call, so one call's variables never leak into the next.
    value = evaluate(trimmed, new Map());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpressionError(`cannot evaluate "${trimmed}": ${reason}`, { cause: error });
  }
  if (value === undefined || typeof value === 'function') {
    throw new ExpressionError(`"${trimmed}" is not a calculation that produces a value`);
  }
  try {
    return math.format(value, { precision: CALCULATOR_PRECISION, lowerExp: -9, upperExp: 16 });
  } catch (error) {
    throw new ExpressionError(`cannot format the result of "${trimmed}"`, { cause: error });
  }
}
