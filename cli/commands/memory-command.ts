// `agentlab memory add | search | list | forget`: the long-term memories (facts) and episodes kept in
// the store (a SQLite file or a PostgreSQL database: --store, else AGENTLAB_STORE_URL), managed by hand.
// add and search embed through the embedding model's /v1/embeddings (the config's memory.embeddingModel,
// else sim:strong); list and forget only read and write the store.
import { Argument, Command, Option } from 'commander';
import { DEFAULT_MEMORY_NAMESPACE, memoryDefaults } from '../../agents/index.js';
import { DEFAULT_CONFIG_FILE_NAME } from '../../models/index.js';
import type { CliContext } from '../cli-context.js';
import { openCommandStore, storeOptionHelp } from '../command-store.js';
import { EXIT_USAGE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { toTerminalLine } from '../terminal-text.js';
import type { MemoryCommandOptions } from './memory-options.js';
import { openMemoryCommand, parseAgentName, parseId, parseK, parseNamespace } from './memory-options.js';
import { formatEpisodes, formatMemories, formatRecalledEpisodes, formatRecalledMemories } from './memory-output.js';
import { CommandGroup } from '../command-group.js';

interface AddOptions extends MemoryCommandOptions {
  namespace: string;
  agent?: string;
  json?: boolean;
}

interface SearchOptions extends MemoryCommandOptions {
  namespace: string;
  agent?: string;
  k: number;
  episodes?: boolean;
  lessonsOnly?: boolean;
  json?: boolean;
}

interface ListOptions extends MemoryCommandOptions {
  namespace?: string;
  agent?: string;
  limit: number;
  episodes?: boolean;
  lessonsOnly?: boolean;
  json?: boolean;
}

interface ForgetOptions extends MemoryCommandOptions {
  namespace?: string;
  agent?: string;
  episodes?: boolean;
  json?: boolean;
}

const examples = `
Examples:
  $ agentlab memory add "The office wifi password is hunter2" --agent react
  $ agentlab memory search "wifi password" --agent react -k 3
  $ agentlab memory list --namespace default
  $ agentlab memory list --episodes
  $ agentlab memory search "Summarise notes.txt" --episodes --lessons-only
  $ agentlab memory forget 12 13
  $ agentlab memory forget --namespace eval-run-1 --agent react
  $ agentlab memory add "Priya owns the budget" --model openai:text-embedding-3-small
  $ agentlab memory list --episodes --store postgres://ci@db.internal/agentlab   the team's store (or AGENTLAB_STORE_URL)

Memories are scoped by namespace (default: "default") and agent: an agent recalls its own and the
ones added without --agent, which every agent of the namespace shares. Memories are only compared
with those embedded by the same model (--model, or memory.embeddingModel in the config).
Recall ranks by score = similarity + 0.05 × recency + 0.02 × ln(1 + recalls), and counts a recall.
`;

function withStoreOptions(command: Command, embeds: boolean): Command {
  command.option('--store <path|url>', storeOptionHelp('the memories are kept in'));
  if (embeds) {
    command
      .option('-m, --model <reference>', 'embedding model (default: memory.embeddingModel in the config, else sim:strong)')
      .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`);
  }
  return command.option('--json', 'print JSON instead of a table');
}

function namespaceOption(defaultValue?: string): Option {
  const option = new Option('-n, --namespace <name>', 'memory namespace').argParser(parseNamespace);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export function createMemoryCommand(context: CliContext): Command {
  // A combination of options commander cannot check: said on one line, exit 2, before any work.
  const usage = (reason: string): CommandExit => {
    context.writeError(`error: ${reason}\n`);
    return new CommandExit(EXIT_USAGE, reason);
  };

  const add = withStoreOptions(
    new Command('add')
      .description('Remember a fact: embed it and keep it, with its vector, in the store.')
      .addArgument(new Argument('<fact>', 'the fact, in quotes'))
      .addOption(namespaceOption(DEFAULT_MEMORY_NAMESPACE))
      .addOption(new Option('-a, --agent <name>', 'the agent it belongs to (default: shared by every agent of the namespace)').argParser(parseAgentName)),
    true,
  ).action(async (fact: string, options: AddOptions) => {
    const opened = await openMemoryCommand(options, context);
    try {
      const memory = await opened.longTerm.remember(fact, { namespace: options.namespace, ...(options.agent === undefined ? {} : { agent: options.agent }) });
      if (options.json) {
        context.writeOut(`${JSON.stringify(memory, null, 2)}\n`);
        return;
      }
      const owner = memory.agent === '' ? 'shared by every agent' : `for agent ${toTerminalLine(memory.agent, 100)}`;
      context.writeOut(`Remembered memory ${memory.id} in namespace ${toTerminalLine(memory.namespace, 200)} (${owner}), embedded by ${memory.embeddingModel}.\n`);
    } finally {
      await opened.close();
    }
  });

  const search = withStoreOptions(
    new Command('search')
      .description('Recall the memories (or with --episodes, the episodes) most like a query, best first.')
      .addArgument(new Argument('<query>', 'what to recall, in quotes'))
      .addOption(namespaceOption(DEFAULT_MEMORY_NAMESPACE))
      .addOption(new Option('-a, --agent <name>', "this agent's memories and the shared ones (default: every agent's)").argParser(parseAgentName))
      .addOption(new Option('-k, --k <count>', `how many to return, 1 to ${memoryDefaults.MAX_RECALL_K}`).argParser(parseK).default(memoryDefaults.DEFAULT_RECALL_K))
      .option('--episodes', 'search episodes by the similarity of their goals instead')
      .option('--lessons-only', 'with --episodes: only episodes that have a lesson'),
    true,
  ).action(async (query: string, options: SearchOptions) => {
    if (options.lessonsOnly && !options.episodes) throw usage('--lessons-only goes with --episodes');
    const opened = await openMemoryCommand(options, context);
    try {
      const agent = options.agent === undefined ? {} : { agent: options.agent };
      if (options.episodes) {
        const recalled = await opened.episodic.recallEpisodes(query, { k: options.k, namespace: options.namespace, withLessonsOnly: options.lessonsOnly === true, ...agent });
        context.writeOut(options.json ? `${JSON.stringify(recalled, null, 2)}\n` : recalled.length === 0 ? `No episodes in namespace ${toTerminalLine(options.namespace, 200)}.\n` : formatRecalledEpisodes(recalled));
        return;
      }
      const recalled = await opened.longTerm.recall(query, { namespace: options.namespace, k: options.k, ...agent });
      context.writeOut(options.json ? `${JSON.stringify(recalled, null, 2)}\n` : recalled.length === 0 ? `No memories in namespace ${toTerminalLine(options.namespace, 200)} embedded by ${opened.embedder.model}.\n` : formatRecalledMemories(recalled));
    } finally {
      await opened.close();
    }
  });

  const list = withStoreOptions(
    new Command('list')
      .description('List memories (or with --episodes, episodes), newest first.')
      .addOption(namespaceOption())
      .addOption(new Option('-a, --agent <name>', 'only this agent\'s ("" for the shared ones)').argParser(parseAgentName))
      .addOption(new Option('--limit <count>', 'most rows to show').argParser(parseK).default(50))
      .option('--episodes', 'list episodes instead of memories')
      .option('--lessons-only', 'with --episodes: only episodes that have a lesson'),
    false,
  ).action(async (options: ListOptions) => {
    if (options.lessonsOnly && !options.episodes) throw usage('--lessons-only goes with --episodes');
    const store = await openCommandStore(options.store, context);
    try {
      const filter = { limit: options.limit, ...(options.namespace === undefined ? {} : { namespace: options.namespace }), ...(options.agent === undefined ? {} : { agent: options.agent }) };
      if (options.episodes) {
        const episodes = await store.episodes.list({ ...filter, withLessonsOnly: options.lessonsOnly === true });
        context.writeOut(options.json ? `${JSON.stringify(episodes, null, 2)}\n` : episodes.length === 0 ? 'No episodes.\n' : formatEpisodes(episodes));
        return;
      }
      const memories = await store.memories.list(filter);
      if (options.json) {
        context.writeOut(`${JSON.stringify(memories, null, 2)}\n`);
        return;
      }
      if (memories.length === 0) {
        context.writeOut('No memories.\n');
        return;
      }
      const total = await store.memories.count(filter);
      context.writeOut(formatMemories(memories));
      if (total > memories.length) context.writeOut(`\n${memories.length} of ${total} shown; --limit shows more.\n`);
    } finally {
      await store.close();
    }
  });

  const forget = withStoreOptions(
    new Command('forget')
      .description('Forget memories (or with --episodes, episodes) by id, or every memory of a namespace (and agent).')
      .addArgument(new Argument('[id...]', 'ids from agentlab memory list').argParser(parseId))
      .addOption(namespaceOption())
      .addOption(new Option('-a, --agent <name>', 'with --namespace: only this agent\'s memories').argParser(parseAgentName))
      .option('--episodes', 'forget episodes by id instead'),
    false,
  ).action(async (ids: number[] | undefined, options: ForgetOptions) => {
    const given = ids ?? [];
    if (given.length > 0 && options.namespace !== undefined) throw usage('give ids or --namespace, not both');
    if (given.length === 0 && options.namespace === undefined) throw usage('say what to forget: ids, or --namespace <name> (with --agent for one agent\'s)');
    if (options.agent !== undefined && options.namespace === undefined) throw usage('--agent goes with --namespace');
    if (options.episodes && given.length === 0) throw usage('--episodes forgets episodes by id');
    const store = await openCommandStore(options.store, context);
    try {
      let forgotten: number;
      if (options.episodes) {
        forgotten = await store.episodes.forget(given);
      } else {
        forgotten = await store.memories.forget(given.length > 0 ? { ids: given } : { namespace: options.namespace!, ...(options.agent === undefined ? {} : { agent: options.agent }) });
      }
      const noun = options.episodes ? (forgotten === 1 ? 'episode' : 'episodes') : forgotten === 1 ? 'memory' : 'memories';
      context.writeOut(options.json ? `${JSON.stringify({ forgotten })}\n` : `Forgot ${forgotten} ${noun}.\n`);
    } finally {
      await store.close();
    }
  });

  return new CommandGroup('memory')
    .description('Long-term memories and episodes: add, search, list and forget them.')
    .addHelpText('after', examples)
    .addCommand(add)
    .addCommand(search)
    .addCommand(list)
    .addCommand(forget);
}

