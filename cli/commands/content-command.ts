// `agentlab content enqueue | work | status`: the content pipeline as a durable queue. `enqueue` adds
// topics (a piece id each: the same topic twice is one job), `work` runs workers on them
// (content-command-work.ts), `status` shows each state's count and the age of its oldest job, and the
// recent pieces. The store is a SQLite file or PostgreSQL (`--store postgres://…`, AGENTLAB_STORE_URL);
// the queue is the store's unless AGENTLAB_QUEUE_URL names Redis; bad input exits 2.
import { Argument, Command, Option } from 'commander';
import { CONTENT_QUEUE } from '../../content/index.js';
import { defaultMaxAttempts, queueJobStates, type QueueCounts } from '../../queue/index.js';
import type { ContentRunRecord } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { CommandGroup } from '../command-group.js';
import { formatTable } from '../format-table.js';
import { parsePositiveInteger } from '../option-parsers.js';
import { toTerminalLine } from '../terminal-text.js';
import { contentStoreHelp, openContentQueue } from './content-command-queue.js';
import { readEnqueueTopics, TopicInputError } from './content-command-topics.js';
import { createContentWorkCommand } from './content-command-work.js';
import { formatAge } from './reviews-command.js';
import { refuse } from './run-resume.js';

interface EnqueueOptions {
  store?: string;
  file?: string;
  maxAttempts: number;
  json?: boolean;
}

interface StatusOptions {
  store?: string;
  json?: boolean;
  recent: number;
}

const stateLabels: Record<keyof QueueCounts, string> = { queued: 'queued', running: 'running', done: 'done', dead: 'dead (failed)', in_review: 'in review' };
/** How far back `status` looks for recent pieces. */
const recentWindowMs = 7 * 86_400_000;

const storeOption = () => new Option('--store <path|url>', contentStoreHelp);

export function createContentCommand(context: CliContext): Command {
  const enqueue = new Command('enqueue')
    .description('Add topics to the content queue; a topic already queued (same piece id) is not added again.')
    .addArgument(new Argument('[topic]', 'a curriculum topic, e.g. "Photosynthesis for AP Biology"'))
    .option('--file <path>', 'a file of topics, one a line (blank lines and # comments skipped)')
    .addOption(new Option('--max-attempts <count>', 'runs a piece may fail (or be returned by a reviewer) before it is dead').argParser(parsePositiveInteger).default(defaultMaxAttempts))
    .addOption(storeOption())
    .option('--json', 'print JSON instead of text')
    .addHelpText('after', '\nExamples:\n  $ agentlab content enqueue "Photosynthesis for AP Biology"\n  $ agentlab content enqueue --file topics.txt\n\nEvery line is checked before anything is enqueued; a bad one is named by file:line (exit 2).\n')
    .action(async (topicArgument: string | undefined, options: EnqueueOptions) => {
      let topics;
      try {
        topics = await readEnqueueTopics(context.cwd, topicArgument, options.file);
      } catch (error) {
        if (error instanceof TopicInputError) throw refuse(context.writeError, error.message);
        throw error;
      }
      const opened = await openContentQueue(context, options);
      try {
        const results = [];
        for (const topic of topics) {
          const before = await opened.queue.get(topic.pieceId);
          const job = await opened.queue.enqueue(CONTENT_QUEUE, { topic: topic.topic }, { id: topic.pieceId, maxAttempts: options.maxAttempts });
          results.push({ id: job.id, topic: topic.topic, where: topic.where, added: before === undefined, state: job.state, ...(before && job.queue !== CONTENT_QUEUE ? { queue: job.queue } : {}) });
        }
        if (options.json) {
          context.writeOut(`${JSON.stringify({ queue: opened.queue.description, jobs: results }, null, 2)}\n`);
          return;
        }
        for (const result of results) {
          const topic = toTerminalLine(result.topic, 80);
          context.writeOut(result.added ? `Enqueued ${result.id} (${topic}).\n` : `Already enqueued: ${result.id} (${topic}) is ${result.state}${result.queue ? ` in queue ${toTerminalLine(result.queue, 40)}` : ''}; the same topic is one job.\n`);
        }
      } finally {
        await opened.close();
      }
    });

  const status = new Command('status')
    .description('Each state of the content queue with its count and the age of its oldest piece, and the recent pieces.')
    .addOption(storeOption())
    .addOption(new Option('--recent <count>', 'recent piece runs to show').argParser(parsePositiveInteger).default(10))
    .option('--json', 'print JSON instead of text')
    .addHelpText('after', '\nExamples:\n  $ agentlab content status\n  $ agentlab content status --json\n')
    .action(async (options: StatusOptions) => {
      const opened = await openContentQueue(context, options);
      try {
        const counts = await opened.queue.counts(CONTENT_QUEUE);
        const now = Date.now();
        const recent = await opened.store.contentRuns.newest({ limit: options.recent, since: now - recentWindowMs });
        if (options.json) {
          context.writeOut(`${JSON.stringify({ queue: opened.queue.description, counts, recent }, null, 2)}\n`);
          return;
        }
        context.writeOut(`Content queue on ${toTerminalLine(opened.queue.description, 200)}\n\n${formatCounts(counts)}\n`);
        context.writeOut(recent.length === 0 ? '\nNo piece finished in the last 7 days.\n' : `\nRecent pieces (newest first):\n${formatRecent(recent)}`);
      } finally {
        await opened.close();
      }
    });

  return new CommandGroup('content')
    .description('The content pipeline as a durable queue: enqueue topics, work them, see where they are.')
    .addHelpText('after', '\nExamples:\n  $ agentlab content enqueue --file topics.txt\n  $ agentlab content work --workers 4 --until-empty\n  $ agentlab content status\n')
    .addCommand(enqueue)
    .addCommand(createContentWorkCommand(context))
    .addCommand(status);
}

function formatCounts(counts: QueueCounts): string {
  return formatTable(
    [{ header: 'STATE' }, { header: 'COUNT', align: 'right' }, { header: 'OLDEST' }],
    queueJobStates.map((state) => [stateLabels[state], String(counts[state].count), counts[state].oldestAgeMs === undefined ? '' : formatAge(counts[state].oldestAgeMs!)]),
  );
}

function formatRecent(runs: readonly ContentRunRecord[]): string {
  return formatTable(
    [{ header: 'FINISHED (UTC)' }, { header: 'PIECE' }, { header: 'STATUS' }, { header: 'CONF', align: 'right' }, { header: 'COST', align: 'right' }, { header: 'WORKER' }, { header: 'TOPIC' }],
    runs.map((run) => [
      new Date(run.finishedAt).toISOString().slice(0, 19).replace('T', ' '),
      toTerminalLine(run.pieceId, 40),
      run.status,
      run.confidence === undefined ? '' : run.confidence.toFixed(2),
      `$${run.costUsd.toFixed(4)}`,
      toTerminalLine(run.workerId.split(':').at(-1) ?? run.workerId, 12),
      toTerminalLine(run.topic, 60),
    ]),
  );
}
