// What a case asked for and how a result fared against it, in one shape the run page's row
// expansion, the case page and the trace page all render (views/partials/case-card.eta): the goal,
// the expectations read as sentences a person checks (tools and their match mode, arguments,
// forbidden tools, output checks, budgets) and every check's verdict with its reason.
import type { GoldenCase } from '../eval/index.js';
import type { CaseDefinition, CheckResult } from '../store/index.js';
import { viewFormat } from './view-format.js';

export interface CaseExpectation {
  /** What is checked: `Tools`, `Arguments of search_web`, `Output contains`, `Budget`… */
  label: string;
  /** How it reads, one line. */
  text: string;
  /** Pretty-printed JSON for arguments, shown in a block under the line. */
  detail?: string;
}

export interface CaseCard {
  caseId: string;
  /** Undefined when the run was stored before agentlab kept case definitions. */
  goal?: string;
  expectations: CaseExpectation[];
  tags: string[];
  /** The result's checks, failed ones first, each with its reason; empty without a result. */
  checks: CheckResult[];
}

const matchWords: Record<string, string> = {
  in_order: 'in this order (other calls may come between)',
  strict: 'exactly these calls, in this order',
  unordered: 'exactly these calls, in any order',
  subset: 'only tools from this list',
  superset: 'at least these tools, in any order',
};

function list(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

/** The expectations of a golden case as lines to read; an empty list when the case only has a goal. */
export function caseExpectations(definition: CaseDefinition): CaseExpectation[] {
  const goldenCase = definition as unknown as Partial<GoldenCase>;
  const lines: CaseExpectation[] = [];
  const tools = goldenCase.expected_tools ?? [];
  if (tools.length > 0 || goldenCase.tool_match !== undefined) {
    const mode = goldenCase.tool_match ?? 'in_order';
    lines.push({ label: `Tools (${mode})`, text: tools.length > 0 ? `${list(tools)} — ${matchWords[mode] ?? mode}` : 'no tool calls' });
  }
  for (const [tool, args] of Object.entries(goldenCase.expected_args ?? {})) {
    const mode = goldenCase.args_match ?? 'superset';
    lines.push({ label: `Arguments of ${tool} (${mode})`, text: mode === 'exact' ? 'exactly these arguments' : 'at least these arguments', detail: JSON.stringify(args, null, 2) });
  }
  if ((goldenCase.forbidden_tools ?? []).length > 0) lines.push({ label: 'Forbidden tools', text: `never attempted: ${list(goldenCase.forbidden_tools!)}` });
  if ((goldenCase.expected_approvals ?? []).length > 0) lines.push({ label: 'Approvals asked', text: `asks before running ${list(goldenCase.expected_approvals!)}` });
  const policy = Object.entries(goldenCase.approvals ?? {});
  if (policy.length > 0) {
    const rules = policy.map(([pattern, rule]) => (typeof rule === 'string' ? `${pattern}: ${rule}` : `${pattern}: ${rule.decision}${rule.reason ? ` (“${rule.reason}”)` : ''}`));
    lines.push({ label: 'Approval policy', text: `${rules.join(', ')}; any other gated call is rejected` });
  }
  const casing = goldenCase.case_sensitive ? 'case-sensitive' : 'ignoring case';
  if ((goldenCase.expected_output_contains ?? []).length > 0) {
    lines.push({ label: 'Output contains', text: `${goldenCase.expected_output_contains!.map((text) => `“${text}”`).join(', ')} (${casing})` });
  }
  if (goldenCase.expected_output_regex !== undefined) lines.push({ label: 'Output matches', text: `/${goldenCase.expected_output_regex}/ (${casing})` });
  const budgets = [
    goldenCase.max_steps !== undefined ? `at most ${goldenCase.max_steps} steps` : undefined,
    goldenCase.max_tokens !== undefined ? `${viewFormat.count(goldenCase.max_tokens)} tokens` : undefined,
    goldenCase.max_cost_usd !== undefined ? `${viewFormat.usd(goldenCase.max_cost_usd)}` : undefined,
    goldenCase.max_latency_ms !== undefined ? `${viewFormat.milliseconds(goldenCase.max_latency_ms)}` : undefined,
  ].filter((budget): budget is string => budget !== undefined);
  if (budgets.length > 0) lines.push({ label: 'Budget', text: budgets.join(' · ') });
  if (goldenCase.agent !== undefined) lines.push({ label: 'Agent', text: `only ${goldenCase.agent}` });
  if ((goldenCase.allow ?? []).length > 0) lines.push({ label: 'Allowed', text: `${list(goldenCase.allow!)} tools` });
  if (goldenCase.fixtures !== undefined) lines.push({ label: 'Fixtures', text: goldenCase.fixtures });
  return lines;
}

/** The card of a case (and, given, one result's checks): failed checks first, in their recorded order otherwise. */
export function caseCard(caseId: string, definition: CaseDefinition | undefined, checks: readonly CheckResult[] = []): CaseCard {
  const goldenCase = definition as unknown as Partial<GoldenCase> | undefined;
  return {
    caseId,
    ...(typeof goldenCase?.goal === 'string' ? { goal: goldenCase.goal } : {}),
    expectations: definition ? caseExpectations(definition) : [],
    tags: goldenCase?.tags ?? [],
    checks: [...checks.filter((check) => !check.passed), ...checks.filter((check) => check.passed)],
  };
}
