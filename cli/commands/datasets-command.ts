// `agentlab datasets validate <file...>`: checks golden datasets and lists every problem with its line and field.
import { Command } from 'commander';
import { DatasetError, DatasetNotFoundError, loadDataset } from '../../eval/dataset/index.js';
import type { DatasetProblem } from '../../eval/dataset/index.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_USAGE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { toTerminalText } from '../terminal-text.js';

interface ValidateOptions {
  json?: boolean;
}

/** What `--json` prints for each file. */
interface FileReport {
  file: string;
  valid: boolean;
  /** Number of cases; 0 when the file is invalid. */
  cases: number;
  problems: DatasetProblem[];
}

/** Characters of the SHA-256 shown after a valid file: enough to tell versions apart at a glance. */
const SHOWN_HASH_LENGTH = 8;

const examples = `
Examples:
  $ agentlab datasets validate datasets/golden/agent-tasks.jsonl
  $ agentlab datasets validate cases.csv more-cases.jsonl
  $ agentlab datasets validate cases.csv --json | jq '.[] | select(.valid | not) | .problems'

Exits 0 when every file is valid, 2 when any has a problem.
`;

/**
 * A command whose subcommands take on the settings (exit override, output) it inherits from the program,
 * since commander copies them only one level down.
 */
class CommandGroup extends Command {
  override copyInheritedSettings(sourceCommand: Command): this {
    super.copyInheritedSettings(sourceCommand);
    for (const command of this.commands) command.copyInheritedSettings(this);
    return this;
  }
}

export function createDatasetsCommand(context: CliContext): Command {
  const validate = new Command('validate')
    .description('Check golden datasets (CSV or JSONL) and list every problem with its line and field.')
    .argument('<file...>', 'dataset files (.csv, .jsonl or .ndjson)')
    .option('--json', 'print one {file, valid, cases, problems} object per file, as a JSON array')
    .addHelpText('after', examples)
    .action(async (files: string[], options: ValidateOptions) => {
      const reports: FileReport[] = [];
      for (const file of files) reports.push(await validateFile(file, context, options.json === true));
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

/** Loads one file and prints its outcome unless `quiet`; a failure other than a bad or missing dataset is thrown. */
async function validateFile(file: string, context: CliContext, quiet: boolean): Promise<FileReport> {
  try {
    const dataset = await loadDataset(file, { cwd: context.cwd });
    if (!quiet) {
      const noun = dataset.cases.length === 1 ? 'case' : 'cases';
      const hash = dataset.hash.slice(0, SHOWN_HASH_LENGTH);
      context.writeOut(`✓ ${file}: ${dataset.cases.length} ${noun} (${dataset.format}, sha256 ${hash}…)\n`);
    }
    return { file, valid: true, cases: dataset.cases.length, problems: [] };
  } catch (error) {
    if (error instanceof DatasetError) {
      // Problems quote the file's values: their control characters are shown, not obeyed.
      if (!quiet) context.writeError(`✗ ${toTerminalText(error.message)}\n`);
      return { file, valid: false, cases: 0, problems: error.problems };
    }
    if (error instanceof DatasetNotFoundError) {
      if (!quiet) context.writeError(`✗ ${file}: does not exist or cannot be read\n`);
      return { file, valid: false, cases: 0, problems: [{ message: 'does not exist or cannot be read' }] };
    }
    throw error;
  }
}
