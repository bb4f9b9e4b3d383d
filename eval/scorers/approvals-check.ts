// Did the agent ask before it ran each listed tool? `expected_approvals` passes when every call of
// each listed tool went through the approval gate (approved or rejected, the asking is what counts),
// and fails, naming the tool, when one ran without being asked (its level allowed, say, or the
// config set it to never) or was never reached.
import type { AgentResult, ToolCallStep } from '../../agents/index.js';
import type { CheckResult } from '../../store/index.js';

function describeVerdict(step: ToolCallStep): string {
  const approval = step.approval!;
  return `${approval.status} by ${approval.by}${approval.reason ? `: ${approval.reason}` : ''}`;
}

export function checkApprovals(expected: readonly string[], result: Pick<AgentResult, 'steps'>): CheckResult {
  const calls = result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
  const asked: string[] = [];
  const problems: string[] = [];
  for (const tool of new Set(expected)) {
    const made = calls.filter((step) => step.tool === tool);
    if (made.length === 0) {
      problems.push(`${tool} was never reached`);
      continue;
    }
    const unasked = made.filter((step) => step.approval === undefined);
    if (unasked.length > 0) {
      problems.push(`${tool} ran without being asked about${unasked.length < made.length ? ` (${unasked.length} of ${made.length} calls)` : ''}: its permission was allowed or it needs no approval`);
      continue;
    }
    const verdicts = new Map<string, number>();
    for (const step of made) verdicts.set(describeVerdict(step), (verdicts.get(describeVerdict(step)) ?? 0) + 1);
    asked.push(`${tool} (${[...verdicts].map(([verdict, times]) => (times === 1 ? verdict : `${verdict}, ${times} times`)).join('; ')})`);
  }
  if (problems.length > 0) return { check: 'approvals', passed: false, reason: `expected approval to be asked before ${expected.join(', ')}; ${problems.join('; ')}` };
  return { check: 'approvals', passed: true, reason: `asked before ${asked.join(', ')}` };
}
