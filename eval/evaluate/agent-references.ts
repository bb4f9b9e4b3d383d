// The agents of an eval as the user named them: --agents is comma-separated, but a command line
// may hold commas of its own, so a piece that does not start a new reference stays with the one
// before it. Cases' agent fields are checked here too, before anything runs.
import type { AgentlabConfig } from '../../models/index.js';
import { describeAcceptedAgents, isKnownAgentReference } from '../../targets/index.js';
import { EvalError } from '../errors.js';
import type { GoldenCase } from '../golden-case.js';

export function splitAgentReferences(values: readonly string[], config: AgentlabConfig): string[] {
  const references: string[] = [];
  for (const value of values) {
    for (const piece of value.split(',')) {
      const trimmed = piece.trim();
      if (references.length > 0 && !isKnownAgentReference(trimmed, config) && /^(command|module|http):/.test(references.at(-1)!)) references[references.length - 1] += `,${piece}`;
      else if (trimmed !== '') references.push(trimmed);
    }
  }
  return [...new Set(references.map((reference) => reference.trim()))];
}

/** A case naming an agent that no --agents entry, config name or inline reference could be. */
export function checkCaseAgents(cases: readonly GoldenCase[], config: AgentlabConfig, datasetPath: string): void {
  const unknown = cases.filter((goldenCase) => goldenCase.agent !== undefined && !isKnownAgentReference(goldenCase.agent, config));
  if (unknown.length === 0) return;
  const listed = unknown.slice(0, 5).map((goldenCase) => `case ${goldenCase.id}: agent "${goldenCase.agent}"`).join('; ');
  throw new EvalError('AGENTLAB_AGENT_UNKNOWN_IN_DATASET', `${datasetPath}: ${listed}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} names no agent; accepted: ${describeAcceptedAgents(config)}`);
}
