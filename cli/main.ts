// The agentlab command: builds the commander program and runs it, mapping failures to exit codes.
import { Command, CommanderError } from 'commander';
import { AgentlabError } from '../models/index.js';
import { processContext } from './cli-context.js';
import type { CliContext } from './cli-context.js';
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

type CommandFactory = (context: CliContext) => Command;

/**
 * Every command by name, in the order the help lists them, each loaded from its own module when it is
 * needed: `agentlab eval` does not load the content pipeline, the agent runner or the memory commands
 * (about 10 MB of a process's memory, and their start-up time).
 */
const commandLoaders: ReadonlyArray<readonly [string, () => Promise<CommandFactory>]> = [
  ['eval', async () => (await import('./commands/eval-command.js')).createEvalCommand],
  ['summary', async () => (await import('./commands/summary-command.js')).createSummaryCommand],
  ['merge', async () => (await import('./commands/merge-command.js')).createMergeCommand],
  ['run', async () => (await import('./commands/run-command.js')).createRunCommand],
  ['datasets', async () => (await import('./commands/datasets-command.js')).createDatasetsCommand],
  ['serve', async () => (await import('./commands/serve-command.js')).createServeCommand],
  ['sim', async () => (await import('./commands/sim-command.js')).createSimCommand],
  ['models', async () => (await import('./commands/models-command.js')).createModelsCommand],
  ['memory', async () => (await import('./commands/memory-command.js')).createMemoryCommand],
  ['approvals', async () => (await import('./commands/approvals-command.js')).createApprovalsCommand],
  ['reviews', async () => (await import('./commands/reviews-command.js')).createReviewsCommand],
  ['content', async () => (await import('./commands/content-command.js')).createContentCommand],
];

/**
 * The commands the arguments need: the one they name, or every one (for the program's help and
 * version, `help <command>`, and a name that is not a command, so the error can suggest the nearest).
 */
function commandsFor(arguments_: readonly string[]): ReadonlyArray<readonly [string, () => Promise<CommandFactory>]> {
  const named = commandLoaders.find(([name]) => name === arguments_[0]);
  return named ? [named] : commandLoaders;
}

/** Builds the program without running it, with the commands `arguments_` need; commander exits are turned into thrown CommanderErrors. */
export async function buildProgram(context: CliContext = processContext(), arguments_: readonly string[] = []): Promise<Command> {
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

  const factories = await Promise.all(commandsFor(arguments_).map(([, load]) => load()));
  for (const create of factories) {
    const command = create(context)
      .copyInheritedSettings(program)
      .version(packageVersion, '-v, --version', 'print the agentlab version')
      .helpOption('-h, --help', 'show help');
    program.addCommand(command);
  }
  return program;
}

/** Runs the CLI on `argv` (without the node and script paths) and returns the exit code. */
export async function runCli(arguments_: readonly string[], context: CliContext = processContext()): Promise<number> {
  const program = await buildProgram(context, arguments_);
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
