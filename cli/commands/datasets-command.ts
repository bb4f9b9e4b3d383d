// `agentlab datasets validate <file...>`: checks golden datasets and lists every problem with its line and field,
// tool names included, against the tools of the agents that would run each case.
import { Command, InvalidArgumentError } from 'commander';
import { checkToolNames, DatasetError, DatasetNotFoundError, loadDataset, type AgentTools } from '../../eval/dataset/index.js';
import type { DatasetProblem } from '../../eval/dataset/index.js';
import { splitAgentReferences } from '../../eval/index.js';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile } from '../../models/index.js';
import { declaredTools, defaultAgentReferences } from '../../targets/index.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_USAGE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { toTerminalText } from '../terminal-text.js';
import { CommandGroup } from '../command-group.js';

interface ValidateOptions {
  json?: boolean;
  agents?: string[];
  config?: string;
}

/** What `--json` prints for each file. */
interface FileReport {
  file: string;
  valid: boolean;
  /** Number of cases; 0 when the file is invalid. */
  cases: number;
  problems: DatasetProblem[];
  /** What could not be checked: tool names of agents that do not declare their tools. */
  warnings: string[];
}

/** Characters of the SHA-256 shown after a valid file: enough to tell versions apart at a glance. */
const SHOWN_HASH_LENGTH = 8;

const examples = `
Examples:
  $ agentlab datasets validate datasets/golden/agent-tasks.jsonl
  $ agentlab datasets validate cases.csv more-cases.jsonl
  $ agentlab datasets validate cases.csv --json | jq '.[] | select(.valid | not) | .problems'
  $ agentlab datasets validate cases.jsonl --agents react,my-agent

Tool names in expected_tools, forbidden_tools and expected_args are checked against the agents
that would run each case (its own agent, else --agents, else the config's agents or the built-in
ones), with the nearest real name; agents that declare no tools: are warned about instead.

Exits 0 when every file is valid, 2 when any has a problem.
`;

export function createDatasetsCommand(context: CliContext): Command {
  const validate = new Command('validate')
    .description('Check golden datasets (CSV or JSONL) and list every problem with its line and field.')
    .argument('<file...>', 'dataset files (.csv, .jsonl or .ndjson)')
    .option('--json', 'print one {file, valid, cases, problems, warnings} object per file, as a JSON array')
    .option('--agents <references>', 'check tool names against these agents, comma-separated or repeated (default: the config\'s, else the built-in ones)', collectAgents)
    .option('-c, --config <file>', `config file whose agents: declare tools (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .addHelpText('after', examples)
    .action(async (files: string[], options: ValidateOptions) => {
      const agentTools = await agentToolsFor(options, context);
      const reports: FileReport[] = [];
      for (const file of files) reports.push(await validateFile(file, context, options.json === true, agentTools));
      if (options.json) context.writeOut(`${JSON.stringify(reports, null, 2)}\n`);
      const invalid = reports.filter((report) => !report.valid).length;
      // Every problem has been printed above (or is in the JSON), so the exit adds nothing.
      if (invalid > 0) throw new CommandExit(EXIT_USAGE, `${invalid} of ${reports.length} datasets are invalid`);
    });
  return new CommandGroup('datasets')
    .description('Work with golden datasets.')
    .addHelpText('after', examples)
    .addCommand(validate);
}

/** --agents may be repeated; each value is split on commas once the config is known. */
function collectAgents(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('expected at least one agent reference');
  return [...(previous ?? []), value];
}

/** The agents that would run each case, as `agentlab eval` would choose them, and their declared tools. */
async function agentToolsFor(options: ValidateOptions, context: CliContext): Promise<AgentTools> {
  const { config } = await loadConfigFile({ cwd: context.cwd, ...(options.config ? { path: options.config } : {}) });
  const agents = options.agents ? splitAgentReferences(options.agents, config) : defaultAgentReferences(config);
  return {
    agentsFor: (goldenCase) => (goldenCase.agent ? [goldenCase.agent] : agents),
    toolsOf: (agent) => declaredTools(agent, config),
  };
}

/** Loads one file and prints its outcome unless `quiet`; a failure other than a bad or missing dataset is thrown. */
async function validateFile(file: string, context: CliContext, quiet: boolean, agentTools: AgentTools): Promise<FileReport> {
  try {
    const dataset = await loadDataset(file, { cwd: context.cwd });
    const warnings = checkToolNames(dataset, agentTools, { cwd: context.cwd });
    if (!quiet) {
      const noun = dataset.cases.length === 1 ? 'case' : 'cases';
      const hash = dataset.hash.slice(0, SHOWN_HASH_LENGTH);
      context.writeOut(`✓ ${file}: ${dataset.cases.length} ${noun} (${dataset.format}, sha256 ${hash}…)\n`);
      for (const warning of warnings) context.writeError(`warning: ${file}: ${warning}\n`);
    }
    return { file, valid: true, cases: dataset.cases.length, problems: [], warnings };
  } catch (error) {
    if (error instanceof DatasetError) {
      // Problems quote the file's values: their control characters are shown, not obeyed.
      if (!quiet) context.writeError(`✗ ${toTerminalText(error.message)}\n`);
      return { file, valid: false, cases: 0, problems: error.problems, warnings: [] };
    }
    if (error instanceof DatasetNotFoundError) {
      if (!quiet) context.writeError(`✗ ${file}: does not exist or cannot be read\n`);
      return { file, valid: false, cases: 0, problems: [{ message: 'does not exist or cannot be read' }], warnings: [] };
    }
    throw error;
  }
}
