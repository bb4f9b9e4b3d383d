// The dataset's tool names checked against the agents of this eval, once they are open: a name an
// agent that runs the case does not have is refused before the run is recorded; cases of agents
// whose tools are unknown are warned about instead.
import type { TargetSet } from '../../targets/index.js';
import { checkToolNames, type Dataset } from '../dataset/index.js';

/** Tools the built-in agents have only when the eval gives them long-term memory. */
const memoryToolNames = new Set(['remember', 'recall']);

/** Throws a DatasetError (exit 2) for unknown tool names; returns the warnings. */
export function checkCaseToolNames(dataset: Dataset, agents: readonly string[], targets: TargetSet, cwd: string): string[] {
  return checkToolNames(
    dataset,
    {
      // As the matrix has it: a case naming an agent runs only there, and only if that agent was selected.
      agentsFor: (goldenCase) => (goldenCase.agent ? agents.filter((agent) => agent === goldenCase.agent) : agents),
      toolsOf: (agent) => targets.get(agent)?.tools,
      howToEnable: (tool) => (memoryToolNames.has(tool) ? 'the built-in agents get remember and recall with --memory (or --memory-namespace <name>)' : undefined),
    },
    { cwd },
  );
}
