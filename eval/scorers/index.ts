// Public surface of the scorers.
export { scoreCase, infrastructureErrorCodes } from './score-case.js';
export type { CaseScore } from './score-case.js';
export { checkTools } from './tools-check.js';
export { checkArguments } from './arguments-check.js';
export { checkApprovals } from './approvals-check.js';
export { checkOutputContains, checkOutputRegex } from './output-checks.js';
export { checkBudgets } from './budget-checks.js';
export type { BudgetUse, Budgets } from './budget-checks.js';
export { toolCallsOf } from './tool-calls.js';
export type { ToolCallView } from './tool-calls.js';
