// `agentlab reviews list | accept | reject | correct | lesson`: the human review queue (escalated answers
// and tasks that spent their retries) and deciding its entries from the command line. A decision goes
// through decideReview (agents/review): the store's one conditional update picks the one winner, then a
// rejection or correction records its lesson as an episode, recalled before later runs with a similar
// goal. Not found, already decided (by whom and when is said) or a correction without an answer exit 2
// and change nothing; a decision whose lesson could not be embedded stands, and `reviews lesson <id>`
// records the lesson later. The queue is in the store `--store` names (a SQLite file or postgres://…, else
// AGENTLAB_STORE_URL); lessons are recorded there whatever its backend.
import { Argument, Command, Option } from 'commander';
import { decideReview, DEFAULT_MEMORY_NAMESPACE, recordReviewLesson } from '../../agents/index.js';
import type { DecidedReview, ReviewDecision } from '../../agents/index.js';
import { contentLessonsNamespaceOf } from '../../content/index.js';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile } from '../../models/index.js';
import type { ReviewQueueStats, ReviewRecord, ReviewStatus } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { CommandGroup } from '../command-group.js';
import { openCommandStore, storeOptionHelp } from '../command-store.js';
import { deciderName } from '../decider-name.js';
import { formatTable } from '../format-table.js';
import { parsePositiveInteger } from '../option-parsers.js';
import { toTerminalLine } from '../terminal-text.js';
import { openMemoryCommand, parseNamespace } from './memory-options.js';
import { refuse } from './run-resume.js';

interface StoreOptions {
  store?: string;
  json?: boolean;
}

interface ListOptions extends StoreOptions {
  status: ReviewStatus | 'all';
  limit: number;
}

interface DecideOptions extends StoreOptions {
  note?: string;
  answer?: string;
  by?: string;
  config?: string;
  memoryNamespace?: string;
  embeddingModel?: string;
}

const examples = `
Examples:
  $ agentlab reviews list                              the queue, oldest first
  $ agentlab reviews list --status all --json
  $ agentlab reviews accept 5c1e09aa --note "fine as it is"
  $ agentlab reviews reject 5c1e09aa --note "Never guess a total: add the numbers up with the calculator."
  $ agentlab reviews correct 5c1e09aa --answer "86" --note '"Tally" means add up: use the calculator.'
  $ agentlab reviews lesson 5c1e09aa                   record a lesson whose embedding failed

Ids may be shortened to any unique prefix. A rejection or correction becomes a lesson: an episode
(goal, steps, outcome, lesson) in episodic memory whose lesson is the note, or without one a sentence
made from the correction or the rejected answer. Before later runs (agentlab run, agentlab eval) the
lessons of the most similar goals go into the system prompt; --no-lessons turns that off.
Exit code 2 when the review does not exist, was already decided, or a correction has no answer;
nothing is changed then.
`;

const shownTextLength = 48;

function shownTime(milliseconds: number | undefined): string {
  return milliseconds === undefined ? '' : new Date(milliseconds).toISOString().slice(0, 16).replace('T', ' ');
}

/** `3 d 4 h`, `2 h 5 min`, `12 min`, `40 s`: how long the oldest entry has waited. */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const [days, hours, minutes] = [Math.floor(seconds / 86_400), Math.floor((seconds % 86_400) / 3_600), Math.floor((seconds % 3_600) / 60)];
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

function describeQueue(stats: ReviewQueueStats, now: number): string {
  if (stats.pending === 0) return `Review queue: nothing pending (${stats.decided} decided).`;
  const oldest = stats.oldestPendingAt === undefined ? '' : `, the oldest waiting ${formatAge(now - stats.oldestPendingAt)} (since ${shownTime(stats.oldestPendingAt)} UTC)`;
  return `Review queue: ${stats.pending} pending${oldest}; ${stats.decided} decided.`;
}

function formatReviews(reviews: readonly ReviewRecord[]): string {
  return formatTable(
    [{ header: 'ID' }, { header: 'KIND' }, { header: 'STATUS' }, { header: 'CASE' }, { header: 'AGENT' }, { header: 'MODEL' }, { header: 'CONF', align: 'right' }, { header: 'CREATED (UTC)' }, { header: 'DECIDED BY' }, { header: 'GOAL → ANSWER' }],
    reviews.map((review) => [
      review.id,
      review.kind,
      review.status,
      review.caseId === undefined ? '' : toTerminalLine(`${review.caseId}${review.epoch === undefined ? '' : ` #${review.epoch}`}`, 30),
      toTerminalLine(review.agent, 16),
      toTerminalLine(review.model, 16),
      review.confidence === undefined ? '' : review.confidence.toFixed(2),
      shownTime(review.createdAt),
      review.decidedBy === undefined ? '' : toTerminalLine(review.decidedBy, 16),
      `${toTerminalLine(review.goal, shownTextLength)} → ${toTerminalLine(review.errorReport ? `${review.errorReport.code}: ${review.errorReport.message}` : review.answer, shownTextLength)}`,
    ]),
  );
}

function describeDecided({ review, episode }: DecidedReview): string {
  const by = `${review.status} by ${toTerminalLine(review.decidedBy ?? '', 60)}`;
  const lesson = episode ? `\nLesson recorded in episode ${episode.id} (namespace ${toTerminalLine(episode.namespace, 60)}): ${toTerminalLine(episode.lesson ?? '', 300)}` : '';
  return `Review ${review.id} (${toTerminalLine(review.goal, 60)}) ${by}.${lesson}\n`;
}

function withStore(command: Command): Command {
  return command.option('--store <path|url>', storeOptionHelp('the review queue is kept in')).option('--json', 'print JSON instead of text');
}

/** The options of a decision that may record a lesson: who, and where the lesson goes. */
function withDecisionOptions(command: Command): Command {
  return withStore(command)
    .option('--by <name>', "who decided (default: the operating system's user name)")
    .addOption(new Option('--memory-namespace <name>', 'episodic-memory namespace the lesson goes to (default: content for a content piece\'s review, else memory.namespace in the config, else default)').argParser(parseNamespace))
    .option('--embedding-model <reference>', 'model that embeds the lesson\'s goal (default: memory.embeddingModel in the config, else sim:strong)')
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`);
}

export function createReviewsCommand(context: CliContext): Command {
  const list = withStore(
    new Command('list')
      .description('List the review queue (pending, oldest first) with its length and the age of its oldest entry.')
      .addOption(new Option('--status <status>', 'pending, accepted, rejected, corrected or all').choices(['pending', 'accepted', 'rejected', 'corrected', 'all']).default('pending'))
      .addOption(new Option('--limit <count>', 'most rows to show').argParser(parsePositiveInteger).default(50))
      .addHelpText('after', '\nExamples:\n  $ agentlab reviews list\n  $ agentlab reviews list --status corrected --json\n'),
  ).action(async (options: ListOptions) => {
    const store = await openCommandStore(options.store, context);
    try {
      const now = Date.now();
      const stats = await store.reviews.stats();
      const reviews = await store.reviews.list({ ...(options.status === 'all' ? {} : { status: options.status }), limit: options.limit });
      if (options.json) {
        const oldestPendingAgeMs = stats.oldestPendingAt === undefined ? {} : { oldestPendingAgeMs: now - stats.oldestPendingAt };
        context.writeOut(`${JSON.stringify({ queue: { ...stats, ...oldestPendingAgeMs }, reviews }, null, 2)}\n`);
        return;
      }
      context.writeOut(`${describeQueue(stats, now)}\n${reviews.length === 0 ? '' : `\n${formatReviews(reviews)}`}`);
    } finally {
      await store.close();
    }
  });

  /** Decides with episodic memory opened only when the decision teaches a lesson (accepting embeds nothing). */
  const decide = (action: ReviewDecision['action']) => async (id: string, options: DecideOptions) => {
    const note = options.note?.trim() ? options.note : undefined;
    if (action === 'rejected' && note === undefined) throw refuse(context.writeError, 'a rejection needs --note "…": it becomes the lesson later runs are given.');
    if (action === 'corrected' && !options.answer?.trim()) throw refuse(context.writeError, 'a correction needs --answer "…": the right answer.');
    const decision: ReviewDecision = { action, by: options.by?.trim() || deciderName(context.env), ...(note === undefined ? {} : { note }), ...(action === 'corrected' ? { correction: options.answer! } : {}) };
    const decided = action === 'accepted' ? await decideWithoutMemory(options, id, decision) : await withLessonMemory(options, id, (dependencies) => decideReview(dependencies, id, decision));
    context.writeOut(options.json ? `${JSON.stringify(decided, null, 2)}\n` : describeDecided(decided));
  };

  const decideWithoutMemory = async (options: DecideOptions, id: string, decision: ReviewDecision): Promise<DecidedReview> => {
    const store = await openCommandStore(options.store, context);
    try {
      return await decideReview({ store }, id, decision);
    } finally {
      await store.close();
    }
  };

  /** The embedding model is opened (and checked) before the store, so a bad reference changes nothing. */
  /** A content piece's review teaches the `content` namespace (where the worker loop recalls lessons) unless --memory-namespace says otherwise. */
  const withLessonMemory = async (options: DecideOptions, id: string, work: (dependencies: Parameters<typeof recordReviewLesson>[0]) => Promise<DecidedReview>): Promise<DecidedReview> => {
    const { config } = await loadConfigFile({ cwd: context.cwd, ...(options.config ? { path: options.config } : {}) });
    const opened = await openMemoryCommand({ ...(options.store === undefined ? {} : { store: options.store }), ...(options.config ? { config: options.config } : {}), ...(options.embeddingModel ? { model: options.embeddingModel } : {}) }, context);
    try {
      const namespace = options.memoryNamespace ?? (await contentLessonsNamespaceOf(opened.store, id)) ?? config.memory?.namespace ?? DEFAULT_MEMORY_NAMESPACE;
      return await work({ store: opened.store, episodic: opened.episodic, namespace });
    } finally {
      await opened.close();
    }
  };

  const idArgument = () => new Argument('<id>', 'the review id, from agentlab reviews list (a unique prefix will do)');

  const accept = withStore(
    new Command('accept')
      .description('Accept the answer as it is (no lesson is recorded).')
      .addArgument(idArgument())
      .option('--note <text>', 'why, kept with the decision')
      .option('--by <name>', "who decided (default: the operating system's user name)")
      .addHelpText('after', '\nExamples:\n  $ agentlab reviews accept 5c1e09aa\n  $ agentlab reviews accept 5c1 --note "right, if terse" --by ana\n'),
  ).action(decide('accepted'));

  const reject = withDecisionOptions(
    new Command('reject')
      .description('Reject the answer; the note becomes a lesson for similar goals.')
      .addArgument(idArgument())
      .requiredOption('--note <text>', 'what was wrong: the lesson later runs with a similar goal are given')
      .addHelpText('after', '\nExamples:\n  $ agentlab reviews reject 5c1e09aa --note "Never guess a total: use the calculator."\n'),
  ).action(decide('rejected'));

  const correct = withDecisionOptions(
    new Command('correct')
      .description('Correct the answer; the note (or, without one, the correction) becomes a lesson for similar goals.')
      .addArgument(idArgument())
      .requiredOption('--answer <text>', 'the right answer')
      .option('--note <text>', 'the lesson: how to get it right next time')
      .addHelpText('after', `\nExamples:\n  $ agentlab reviews correct 5c1e09aa --answer "86" --note '"Tally" means add up: use the calculator.'\n`),
  ).action(decide('corrected'));

  const lesson = withDecisionOptions(
    new Command('lesson')
      .description('Record the lesson of a rejected or corrected review that has none yet (its embedding failed).')
      .addArgument(idArgument())
      .addHelpText('after', '\nExamples:\n  $ agentlab reviews lesson 5c1e09aa\n'),
  ).action(async (id: string, options: DecideOptions) => {
    const decided = await withLessonMemory(options, id, (dependencies) => recordReviewLesson(dependencies, id));
    context.writeOut(options.json ? `${JSON.stringify(decided, null, 2)}\n` : describeDecided(decided));
  });

  return new CommandGroup('reviews')
    .description('The human review queue: list escalated answers and failed tasks, accept, reject or correct them.')
    .addHelpText('after', examples)
    .addCommand(list)
    .addCommand(accept)
    .addCommand(reject)
    .addCommand(correct)
    .addCommand(lesson);
}
