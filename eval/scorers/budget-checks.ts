// Did the run stay within the case's budgets: model calls, tokens, cost and latency?
import type { CheckResult } from '../../store/index.js';

export interface BudgetUse {
  modelCalls: number;
  tokens: number;
  costUsd?: number | undefined;
  latencyMs: number;
}

export interface Budgets {
  max_steps?: number;
  max_tokens?: number;
  max_cost_usd?: number;
  max_latency_ms?: number;
}

function within(check: string, used: number, limit: number, unit: string, format: (value: number) => string = String): CheckResult {
  const passed = used <= limit;
  return { check, passed, reason: `used ${format(used)} ${unit}, ${passed ? 'within' : 'over'} ${check} ${format(limit)}` };
}

export function checkBudgets(budgets: Budgets, use: BudgetUse): CheckResult[] {
  const checks: CheckResult[] = [];
  if (budgets.max_steps !== undefined) checks.push(within('max_steps', use.modelCalls, budgets.max_steps, 'model calls'));
  if (budgets.max_tokens !== undefined) checks.push(within('max_tokens', use.tokens, budgets.max_tokens, 'tokens'));
  if (budgets.max_cost_usd !== undefined) {
    checks.push(
      use.costUsd === undefined
        ? { check: 'max_cost_usd', passed: false, reason: 'the model has no price, so the cost budget cannot be checked; add its prices to agentlab.config.yaml' }
        : within('max_cost_usd', use.costUsd, budgets.max_cost_usd, 'USD', (value) => value.toFixed(6)),
    );
  }
  if (budgets.max_latency_ms !== undefined) checks.push(within('max_latency_ms', Math.round(use.latencyMs), budgets.max_latency_ms, 'ms'));
  return checks;
}
