// `agentlab run`: runs one reference agent on one goal in a fresh sandbox, printing its progress live
// on stderr, then the answer and a summary on stdout; exits 1 when the run did not complete. Every run
// is recorded as an agent run in the store; a call that needs approval is asked at the terminal, waited
// for (--wait-for-approval), or pauses the run (exit 3) until `agentlab run --resume <id>`. Its spans
// go to the store as an eval's do, so the trace id it prints opens in `agentlab serve`.
// The lifecycle is in run-session.ts; this file is the command line.
import { statSync } from 'node:fs';
import path from 'node:path';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { agentNames, DEFAULT_ALLOWED_PERMISSIONS, permissionLevels } from '../../agents/index.js';
import type { AgentName, Permission } from '../../agents/index.js';
import { DEFAULT_CONFIG_FILE_NAME, DEFAULT_SIM_LATENCY } from '../../models/index.js';
import type { LatencyMode } from '../../models/index.js';
import type { CliContext } from '../cli-context.js';
import { storeOptionHelp } from '../command-store.js';
import { confidenceThresholdOption } from '../confidence-option.js';
import { DEFAULT_RUN_MODEL } from '../constants.js';
import { listOf, parseFraction, parseInteger, parseLatency, parsePositiveInteger, parseTemperature } from '../option-parsers.js';
import { captureContentFromEnvironment } from '../../tracing/index.js';
import { parseNamespace } from './memory-options.js';
import type { RunMemoryFlags } from './run-memory.js';
import { refuse } from './run-resume.js';
import { RunSession } from './run-session.js';

interface RunCommandOptions extends RunMemoryFlags {
  model: string;
  allow?: Permission[];
  maxSteps?: number;
  maxTokens?: number;
  timeout?: number;
  temperature?: number;
  seed?: number;
  latency: LatencyMode;
  config?: string;
  /** Absolute: the folder the sandbox is seeded from instead of the default files. */
  fixtures?: string;
  keepSandbox?: boolean;
  json?: boolean;
  quiet?: boolean;
  store?: string;
  otlp?: string;
  captureContent?: boolean;
  compressAt?: number;
  /** false with --no-compress. */
  compress: boolean;
  resume?: string;
  waitForApproval?: boolean;
  /** false with --no-lessons. */
  lessons: boolean;
  confidenceThreshold?: number;
}

/** Options that shape what a run does: a resumed run keeps the ones it began with. */
const settingOptions = ['model', 'allow', 'maxSteps', 'maxTokens', 'timeout', 'temperature', 'seed', 'config', 'fixtures', 'captureContent', 'memoryNamespace', 'embeddingModel', 'memory', 'episodes', 'compressAt', 'compress', 'lessons', 'confidenceThreshold'] as const;

const examples = `
Examples:
  $ agentlab run react "Search for the boiling point of water and calculate 17 * 23"
  $ agentlab run plan-execute "Find the height of Mount Everest, then write it to everest.md" --model sim:oracle
  $ agentlab run react "Delete old-report.txt" --allow read,write,destructive --keep-sandbox
  $ agentlab run react "Delete old-report.txt" < /dev/null          pauses at the approval gate, exit 3
  $ agentlab approvals approve <approval id> && agentlab run --resume <run id>
  $ agentlab run react "Delete old-report.txt" --wait-for-approval  waits until it is decided elsewhere
  $ agentlab run supervisor "Who created Python?" --model openai:gpt-4o-mini --max-steps 10
  $ agentlab run react "Who created Python?" --json --quiet | jq .status
  $ agentlab run react "Read notes.txt and todo.md" --model sim:small --compress-at 0.5
  $ agentlab run react "Read stations/harrow-hill.md and read stations/kestrel-pike.md" --fixtures datasets/golden/fixtures/long-reports
  $ OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 agentlab run react "Who created Python?"
  $ agentlab run react "Remember that the office wifi password is hunter2"
  $ agentlab run react "What do you remember about the wifi password?"
  $ agentlab run react "Who created Python?" --model sim:weak --confidence-threshold 0.85   unsure answers go to the review queue
  $ agentlab run react "Delete old-report.txt" --store postgres://ci@db.internal/agentlab   the team's store (or AGENTLAB_STORE_URL)

Progress goes to stderr, the answer and summary to stdout. Exit code 0 when the run completed,
1 when it ended otherwise (max_steps, budget_exceeded, error), 2 for bad arguments, 3 when the run
paused at an approval gate (it waits in the store: decide, then agentlab run --resume <run id>).
Every run is recorded in the store with an id (a unique prefix will do for --resume). A call whose
permission is not allowed (or whose tool the config's approvals.tools marks required) needs an
approval: at a terminal you are asked y/N while the store is watched, so a decision made with
\`agentlab approvals\` or on the report's /approvals page counts too, whichever comes first; with
--wait-for-approval the run waits for such a decision; otherwise (CI, a pipe) it pauses and exits 3,
keeping its sandbox for the resume. --allow destructive runs those calls without asking.
The trace is kept in the store: \`agentlab serve\` shows it at /traces/<trace id>; a resumed run joins it.
The store is --store, else AGENTLAB_STORE_URL, else .agentlab/agentlab.db: a SQLite file, or a
PostgreSQL database (postgres://…), where a paused run's approval can be decided from any machine
(the resume runs where its sandbox is).
Agents can remember and recall facts in the store (namespace "default" unless --memory-namespace),
and each run is recorded as an episode: \`agentlab memory list\` and \`--episodes\` show them.
Lessons from similar past tasks (reviewers' corrections, agentlab reviews) go into the system prompt
unless --no-lessons; a run whose model calls spent their retries waits in the review queue.
`;

/** The --fixtures folder, resolved against the working directory; anything but a folder is refused up front (exit 2). */
function fixturesFolder(cwd: string, value: string): string {
  const folder = path.resolve(cwd, value);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidArgumentError(`${value} is not a folder.`);
  return folder;
}

export function createRunCommand(context: CliContext): Command {
  return new Command('run')
    .description('Run a reference agent on a goal: live progress, then the answer, tokens, cost and status; or resume a run that paused for approval.')
    .addArgument(new Argument('[agent]', 'the agent to run (required unless --resume)').choices(agentNames))
    .addArgument(new Argument('[goal]', 'what the agent should do, in quotes (required unless --resume)'))
    .addOption(
      new Option('-m, --model <reference>', 'model: sim:<profile>, openai:<model>, or a name from the config').default(
        DEFAULT_RUN_MODEL,
      ),
    )
    .addOption(
      new Option(
        '--allow <levels>',
        `permission levels that run without asking: read, write, destructive (default: ${DEFAULT_ALLOWED_PERMISSIONS.join(',')})`,
      ).argParser(listOf(permissionLevels, 'permission level')),
    )
    .addOption(new Option('--max-steps <count>', 'most model calls in the run, workers included').argParser(parsePositiveInteger))
    .addOption(new Option('--max-tokens <count>', 'most input + output tokens in the run').argParser(parsePositiveInteger))
    .addOption(new Option('--timeout <ms>', 'give up on one model call after this many milliseconds').argParser(parsePositiveInteger))
    .addOption(new Option('--temperature <number>', 'temperature for answers and drafts, 0 to 2').argParser(parseTemperature))
    .addOption(new Option('--seed <number>', 'seed sent with every model call, so that a run reproduces').argParser(parseInteger))
    .addOption(
      new Option('--latency <mode>', 'simulator latency for sim: models: zero, realistic, fast (realistic ÷ 20), or milliseconds')
        .default(DEFAULT_SIM_LATENCY)
        .argParser(parseLatency),
    )
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .addOption(new Option('--fixtures <folder>', "seed the sandbox with a copy of this folder instead of datasets/fixtures/sandbox, as a dataset case's fixtures do").argParser((value: string) => fixturesFolder(context.cwd, value)))
    .option('--keep-sandbox', 'keep the sandbox directory after the run and print its path')
    .option('--resume <run-id>', 'continue a run that paused at an approval gate (exit 3) or was interrupted, with the settings it began with')
    .option('--wait-for-approval', 'when a call needs approval, wait for it to be decided (agentlab approvals, the /approvals page) instead of pausing')
    .option('--json', 'print the result (answer, status, trajectory, usage) as JSON instead of the summary')
    .option('-q, --quiet', 'do not print progress events')
    .option('--store <path|url>', storeOptionHelp('the run, its approvals, reviews and trace go to, for agentlab serve'))
    .option('--otlp <url>', 'also send the trace over OTLP/HTTP to this endpoint (default: OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT; encoding: OTEL_EXPORTER_OTLP_PROTOCOL)')
    .option('--capture-content', 'record messages, tool arguments and results on spans (also OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)')
    .addOption(new Option('--memory-namespace <name>', 'namespace the agent remembers, recalls and records its episode in (default: memory.namespace in the config, else default)').argParser(parseNamespace))
    .option('--embedding-model <reference>', 'model that embeds memories and episodes (default: memory.embeddingModel in the config, else sim:strong)')
    .option('--no-memory', 'offer no remember and recall tools, and record no episode')
    .option('--no-episodes', 'do not record the run as an episode')
    .option('--no-lessons', "give the agent no lessons from similar past tasks (on by default: reviewers' corrections in the memory namespace)")
    .addOption(confidenceThresholdOption('the answer'))
    .addOption(new Option('--compress-at <fraction>', "compress the conversation's middle into a summary when a request reaches this fraction of the model's context window (default: config workingMemory.threshold, else 0.75)").argParser(parseFraction).conflicts('compress'))
    .option('--no-compress', 'never compress: a conversation longer than the context window ends the run with context_length_exceeded')
    .addHelpText('after', examples)
    .action(async (agent: AgentName | undefined, goal: string | undefined, options: RunCommandOptions, command: Command) => {
      const given = (option: string) => command.getOptionValueSource(option) === 'cli';
      if (options.resume !== undefined) {
        if (agent !== undefined || goal !== undefined) throw refuse(context.writeError, '--resume continues a recorded run with its own agent and goal: give the run id alone.');
        const changed = settingOptions.filter(given);
        if (changed.length > 0) throw refuse(context.writeError, `--resume keeps the settings the run began with: drop ${changed.map((option) => `--${optionFlag(option)}`).join(', ')}.`);
      } else if (agent === undefined || goal === undefined) {
        throw refuse(context.writeError, `give the agent and the goal (agentlab run react "Who created Python?"), or --resume <run-id>.`);
      }
      const session = new RunSession(context, {
        json: options.json === true,
        quiet: options.quiet === true,
        keepSandbox: options.keepSandbox === true,
        waitForApproval: options.waitForApproval === true,
        ...(options.store === undefined ? {} : { store: options.store }),
        ...(options.otlp === undefined ? {} : { otlp: options.otlp }),
      });
      try {
        if (options.resume !== undefined) {
          await session.resume(options.resume, given('latency') ? { latency: options.latency } : {});
          return;
        }
        await session.start(agent!, goal!, {
          ...options,
          allow: options.allow ?? DEFAULT_ALLOWED_PERMISSIONS,
          captureContent: options.captureContent === true || captureContentFromEnvironment(context.env),
        });
      } finally {
        await session.close();
      }
    });
}

/** `maxSteps` → `max-steps`, and the negated flags as they are typed. */
function optionFlag(option: (typeof settingOptions)[number]): string {
  if (option === 'memory' || option === 'episodes' || option === 'compress' || option === 'lessons') return `no-${option}`;
  return option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
