// The agentlab command: builds the commander program and runs it, mapping failures to exit codes.
import { Command, CommanderError } from 'commander';
import { AgentlabError } from '../models/index.js';
import { processContext } from './cli-context.js';
import type { CliContext } from './cli-context.js';
import { createApprovalsCommand } from './commands/approvals-command.js';
import { createReviewsCommand } from './commands/reviews-command.js';
import { createContentCommand } from './commands/content-command.js';
import { createDatasetsCommand } from './commands/datasets-command.js';
import { createEvalCommand } from './commands/eval-command.js';
import { createServeCommand } from './commands/serve-command.js';
import { createMergeCommand } from './commands/merge-command.js';
import { createSummaryCommand } from './commands/summary-command.js';
import { createMemoryCommand } from './commands/memory-command.js';
import { createModelsCommand } from './commands/models-command.js';
import { createRunCommand } from './commands/run-command.js';
import { createSimCommand } from './commands/sim-command.js';
import { EXIT_FAILURE, EXIT_SUCCESS, EXIT_USAGE, USAGE_ERROR_CODES } from './constants.js';
import { CommandExit } from './errors.js';
import { packageVersion } from './package-version.js';
import { toTerminalText } from './terminal-text.js';

const examples = `
Examples:
  $ agentlab eval                              evaluate the bundled golden dataset on sim:strong and sim:weak
  $ agentlab summary --min-success 0.8         gate the newest stored run without running it again
  $ agentlab merge shard-*.db --into all.db    put the store files of CI shards into one run
  $ agentlab run react "Who created Python?"   run an agent on a goal, on sim:strong
  $ agentlab datasets validate cases.jsonl     check a dataset without running it
  $ agentlab serve                             the reports on http://127.0.0.1:7070
  $ agentlab sim                               run the simulated model server on http://127.0.0.1:8787/v1
  $ agentlab models                            list models and their prices
  $ agentlab approvals list                    tool calls waiting for a person's approval
  $ agentlab reviews list                      answers and failed tasks waiting for a person's review
  $ agentlab content enqueue --file topics.txt queue lesson topics; agentlab content work runs the pipeline on them
  $ agentlab help run                          show the options of one command
`;

/** Builds the program without running it; commander exits are turned into thrown CommanderErrors. */
export function buildProgram(context: CliContext = processContext()): Command {
  const program = new Command('agentlab')
    .description('Evaluate and trace LLM agents against simulated and real models.')
    .version(packageVersion, '-v, --version', 'print the agentlab version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.writeOut(text),
      // Commander echoes the arguments given; a pasted control character is shown, not obeyed.
      writeErr: (text) => context.writeError(toTerminalText(text)),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', examples);

  const commands = [
    createEvalCommand(context),
    createSummaryCommand(context),
    createMergeCommand(context),
    createRunCommand(context),
    createDatasetsCommand(context),
    createServeCommand(context),
    createSimCommand(context),
    createModelsCommand(context),
    createMemoryCommand(context),
    createApprovalsCommand(context),
    createReviewsCommand(context),
    createContentCommand(context),
  ];
  for (const command of commands) {
    command
      .copyInheritedSettings(program)
      .version(packageVersion, '-v, --version', 'print the agentlab version')
      .helpOption('-h, --help', 'show help');
    program.addCommand(command);
  }
  return program;
}

/** Runs the CLI on `argv` (without the node and script paths) and returns the exit code. */
export async function runCli(arguments_: readonly string[], context: CliContext = processContext()): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...arguments_], { from: 'user' });
    return EXIT_SUCCESS;
  } catch (error) {
    if (error instanceof CommandExit) return error.exitCode;
    // Commander has already printed its message (or the help and version it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_SUCCESS : EXIT_USAGE;
    // Messages quote datasets, configs and endpoints: their control characters are shown, not obeyed.
    const message = toTerminalText(error instanceof Error ? error.message : String(error));
    context.writeError(`error: ${message}\n`);
    // Folders that may not import models/ (the store) have their own error classes; the code decides.
    const code = error instanceof AgentlabError ? error.code : (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && USAGE_ERROR_CODES.has(code) ? EXIT_USAGE : EXIT_FAILURE;
  }
}
