// Tool names in a dataset (expected, forbidden, in expected_args or expected_approvals), checked against the tools of the agents that will run each case, so that
// a misspelt `serch_web` is refused with "did you mean" before anything runs instead of failing (or,
// forbidden, silently passing) every time. Agents that do not declare their tools cannot be checked:
// their cases get a warning instead.
import type { GoldenCase } from '../golden-case.js';
import { closestName } from './closest-name.js';
import type { DatasetProblem } from './dataset-problem.js';
import { DatasetError } from './errors.js';
import { displayPath, type Dataset } from './load-dataset.js';
import { quoteValue } from './quote-value.js';

/** Who runs what: the caller knows its agents, this module the rules. */
export interface AgentTools {
  /** The agents that will run the case. */
  agentsFor(goldenCase: GoldenCase): readonly string[];
  /** The agent's tools, or undefined when it does not declare them. */
  toolsOf(agent: string): readonly string[] | undefined;
  /** How to give the agents a tool they lack when it exists but is off (e.g. `remember` without `--memory`). */
  howToEnable?(tool: string): string | undefined;
}

/**
 * Throws a DatasetError (AGENTLAB_DATASET_INVALID) listing, by line, every tool name an agent that
 * will run the case does not have; returns the warnings about agents whose tools are unknown.
 *
 * Expected tools and the tools of `expected_args` must be tools of every agent that runs the case,
 * or it can never pass there. A forbidden tool need not be (a model may try a tool it was not
 * offered), but a name no such agent has that is close to one of their tools is a misspelling.
 */
export function checkToolNames(dataset: Pick<Dataset, 'path' | 'cases' | 'caseLines'>, agentTools: AgentTools, options: { cwd: string }): string[] {
  const problems: DatasetProblem[] = [];
  const unchecked = new Map<string, Set<string>>();
  dataset.cases.forEach((goldenCase, index) => {
    const line = dataset.caseLines[index];
    const expectedApprovals = goldenCase.expected_approvals ?? [];
    const named = [...goldenCase.expected_tools, ...goldenCase.forbidden_tools, ...Object.keys(goldenCase.expected_args), ...expectedApprovals];
    if (named.length === 0) return;
    const known: Array<{ agent: string; tools: readonly string[] }> = [];
    for (const agent of agentTools.agentsFor(goldenCase)) {
      const tools = agentTools.toolsOf(agent);
      if (tools) {
        known.push({ agent, tools });
        continue;
      }
      const names = unchecked.get(agent) ?? new Set<string>();
      for (const tool of named) names.add(tool);
      unchecked.set(agent, names);
    }
    if (known.length === 0) return;
    const report = (field: string, message: string) => problems.push({ ...(line === undefined ? {} : { line }), field, message });
    for (const tool of new Set(goldenCase.expected_tools)) {
      const lacking = known.filter((agent) => !agent.tools.includes(tool));
      if (lacking.length > 0) report('expected_tools', describeMissing(tool, lacking, agentTools.howToEnable?.(tool)));
    }
    for (const tool of new Set(expectedApprovals)) {
      const lacking = known.filter((agent) => !agent.tools.includes(tool));
      if (lacking.length > 0) report('expected_approvals', describeMissing(tool, lacking, agentTools.howToEnable?.(tool)));
    }
    for (const tool of Object.keys(goldenCase.expected_args)) {
      const lacking = known.filter((agent) => !agent.tools.includes(tool));
      if (lacking.length > 0) report(`expected_args.${tool}`, describeMissing(tool, lacking, agentTools.howToEnable?.(tool)));
    }
    for (const tool of new Set(goldenCase.forbidden_tools)) {
      if (known.some((agent) => agent.tools.includes(tool))) continue;
      const suggestion = closestName(tool, [...new Set(known.flatMap((agent) => agent.tools))]);
      if (suggestion !== undefined) report('forbidden_tools', `${quoteValue(tool)} is not a tool of ${agentList(known)} (did you mean ${quoteValue(suggestion)}?)`);
    }
  });
  if (problems.length > 0) throw new DatasetError(displayPath(dataset.path, options.cwd), problems);
  return [...unchecked].map(
    ([agent, tools]) =>
      `agent ${agent} declares no tools, so the tool names its cases use (${[...tools].join(', ')}) are not checked; ` +
      'define it under agents: in the config with tools: [...] to check them',
  );
}

function agentList(agents: ReadonlyArray<{ agent: string }>): string {
  return agents.map(({ agent }) => agent).join(', ');
}

/** `"serch_web" is not a tool of react (did you mean "search_web"?)`, or the tools it has. */
function describeMissing(tool: string, lacking: ReadonlyArray<{ agent: string; tools: readonly string[] }>, howToEnable?: string): string {
  if (howToEnable !== undefined) return `${quoteValue(tool)} is not a tool of ${agentList(lacking)} in this eval: ${howToEnable}`;
  const tools = [...new Set(lacking.flatMap((agent) => agent.tools))];
  const suggestion = closestName(tool, tools);
  const hint = suggestion !== undefined ? `did you mean ${quoteValue(suggestion)}?` : `${lacking.length === 1 ? 'it has' : 'they have'} ${tools.join(', ') || 'no tools'}`;
  return `${quoteValue(tool)} is not a tool of ${agentList(lacking)} (${hint})`;
}
