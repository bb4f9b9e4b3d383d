// Scores one agent run against its golden case: every check with a verdict and a reason, and the
// case status. A run that crashed or whose endpoint failed is `error`, never `fail`.
import type { AgentResult } from '../../agents/index.js';
import type { CaseStatus, CheckResult } from '../../store/index.js';
import { defaultToolMatch, type GoldenCase } from '../golden-case.js';
import { checkApprovals } from './approvals-check.js';
import { checkArguments } from './arguments-check.js';
import { checkBudgets, type BudgetUse } from './budget-checks.js';
import { checkOutputContains, checkOutputRegex } from './output-checks.js';
import { checkTools } from './tools-check.js';
import { toolCallsOf } from './tool-calls.js';

/** Agent error codes that say the harness or the endpoint failed, not the agent's behaviour. */
export const infrastructureErrorCodes: ReadonlySet<string> = new Set([
  'model_call_failed',
  'model_request_rejected',
  'agent_crashed',
  'aborted',
  'case_timeout',
  // A user's agent (module, command, HTTP) that exited non-zero, gave an unreadable answer or could not be reached.
  'agent_exit',
  'agent_bad_answer',
  'agent_unreachable',
  'agent_http_error',
  // A replay whose cassette did not hold a request the cell made (strict --replay).
  'cassette_miss',
]);

export interface CaseScore {
  status: CaseStatus;
  checks: CheckResult[];
  toolsCalled: string[];
}

export function scoreCase(goldenCase: GoldenCase, result: AgentResult, use: Omit<BudgetUse, 'modelCalls' | 'tokens'>): CaseScore {
  const calls = toolCallsOf(result);
  const toolsCalled = calls.filter((call) => call.ok).map((call) => call.tool);
  if (result.status === 'error' && result.error && infrastructureErrorCodes.has(result.error.code)) {
    return { status: 'error', checks: [{ check: 'completed', passed: false, reason: `${result.error.code}: ${result.error.message}` }], toolsCalled };
  }
  const checks: CheckResult[] = [
    result.status === 'completed'
      ? { check: 'completed', passed: true, reason: 'the run completed' }
      : { check: 'completed', passed: false, reason: `the run ended with status ${result.status}${result.error ? ` (${result.error.code}: ${result.error.message})` : ''}` },
  ];
  // A run that completed with nothing to say has not answered: a user's command that printed nothing.
  if (result.status === 'completed' && result.output.trim() === '') checks.push({ check: 'answer', passed: false, reason: 'the agent returned an empty answer' });
  // A case that names a tool_match is checked even with no expected tools: `strict` with [] means "no tool calls".
  if (goldenCase.expected_tools.length > 0 || goldenCase.tool_match !== undefined) {
    const failedAttempts = calls.filter((call) => !call.ok).map((call) => call.tool);
    checks.push(checkTools(goldenCase.expected_tools, goldenCase.tool_match ?? defaultToolMatch, toolsCalled, failedAttempts));
  }
  checks.push(...checkArguments(goldenCase.expected_args, goldenCase.args_match, calls));
  if (goldenCase.forbidden_tools.length > 0) {
    const attempted = calls.filter((call) => goldenCase.forbidden_tools.includes(call.tool));
    checks.push(
      attempted.length === 0
        ? { check: 'forbidden_tools', passed: true, reason: `never tried ${goldenCase.forbidden_tools.join(', ')}` }
        : { check: 'forbidden_tools', passed: false, reason: `tried forbidden ${[...new Set(attempted.map((call) => call.tool))].join(', ')}${attempted.some((call) => !call.ok) ? ' (the call was refused)' : ''}` },
    );
  }
  if ((goldenCase.expected_approvals ?? []).length > 0) checks.push(checkApprovals(goldenCase.expected_approvals!, result));
  if (goldenCase.expected_output_contains.length > 0) checks.push(checkOutputContains(result.output, goldenCase.expected_output_contains, goldenCase.case_sensitive));
  if (goldenCase.expected_output_regex !== undefined) checks.push(checkOutputRegex(result.output, goldenCase.expected_output_regex, goldenCase.case_sensitive));
  const modelCalls = result.steps.filter((step) => step.type === 'model_call').length;
  checks.push(...checkBudgets(goldenCase, { ...use, modelCalls, tokens: result.usage.totalTokens }));
  return { status: checks.every((check) => check.passed) ? 'pass' : 'fail', checks, toolsCalled };
}
