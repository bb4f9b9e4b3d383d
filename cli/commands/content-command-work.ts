// `agentlab content work`: N workers in this process on the content queue (runContentWorkers), one
// line per piece (worker, topic, status, confidence, cost), every untrusted text escaped. The first
// Ctrl+C stops the leasing and lets the pieces in hand finish (exit 0); a second aborts them and
// releases their jobs to the queue, no attempt counted (exit 130).
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULT_EMBEDDING_MODEL } from '../../agents/index.js';
import { contentSettings, runContentWorkers, type PieceEvent } from '../../content/index.js';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile, ModelProvider, PriceTable, type LatencyMode } from '../../models/index.js';
import type { StoreBackend } from '../../store/index.js';
import { captureContentFromEnvironment, normalizingSink, setupTracing, type SpanSink } from '../../tracing/index.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_INTERRUPTED } from '../constants.js';
import { CommandExit } from '../errors.js';
import { packageVersion } from '../package-version.js';
import { parseInteger, parseLatency, parsePositiveInteger } from '../option-parsers.js';
import { toTerminalLine } from '../terminal-text.js';
import { contentStoreHelp, openContentQueue } from './content-command-queue.js';

interface WorkOptions {
  store?: string;
  workers: number;
  output?: string;
  untilEmpty?: boolean;
  leaseMs?: number;
  pollMs?: number;
  latency: LatencyMode;
  config?: string;
  seed?: number;
  lessons: boolean;
  embeddingModel?: string;
  captureContent?: boolean;
}

/** `a1b2c3d4  Photosynthesis for AP Biology  published (completed)  conf 0.96  $0.0473` */
export function formatPieceLine(event: PieceEvent): string {
  const worker = event.workerId.split(':').at(-1) ?? event.workerId;
  const status = event.status ? `${event.status} (${event.outcome})` : event.outcome;
  const parts = [toTerminalLine(worker, 20), toTerminalLine(event.topic, 80), status];
  if (event.confidence !== undefined) parts.push(`conf ${event.confidence.toFixed(2)}`);
  parts.push(`$${event.costUsd.toFixed(4)}`);
  if (event.reviewId !== undefined) parts.push(`review ${toTerminalLine(event.reviewId, 20)}`);
  if (event.reason !== undefined && event.outcome !== 'completed') parts.push(toTerminalLine(event.reason, 160));
  return parts.join('  ');
}

export function createContentWorkCommand(context: CliContext): Command {
  return new Command('work')
    .description('Work the content queue: lease pieces, run them through the pipeline, publish, park for review, settle reviewers\' decisions.')
    .option('--store <path|url>', contentStoreHelp)
    .addOption(new Option('--workers <count>', 'concurrent workers in this process').argParser(parsePositiveInteger).default(1))
    .option('--output <dir>', 'where lessons are published (default: content.outputDirectory in the config, else ./lessons)')
    .option('--until-empty', 'exit when no piece is queued or running (pieces in review wait for a person)')
    .addOption(new Option('--lease-ms <ms>', 'how long a lease lasts without a heartbeat').argParser(parsePositiveInteger))
    .addOption(new Option('--poll-ms <ms>', 'how long an idle worker waits before looking again').argParser(parsePositiveInteger))
    .addOption(new Option('--latency <mode>', 'simulator latency for sim: models: zero, realistic, fast (realistic ÷ 20), or milliseconds').default('fast').argParser(parseLatency))
    .option('-c, --config <file>', `config file with a content: section (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .addOption(new Option('--seed <n>', 'seed of the simulated models').argParser(parseInteger))
    .option('--no-lessons', 'do not put the lessons of reviewed pieces in the workers\' prompts')
    .option('--embedding-model <reference>', 'model the lessons were embedded with (default: memory.embeddingModel in the config, else sim:strong)')
    .option('--capture-content', 'record prompts and replies on the pieces\' spans (also OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)')
    .addHelpText(
      'after',
      `
Examples:
  $ agentlab content work --workers 4                  work until Ctrl+C
  $ agentlab content work --until-empty --output lessons/
  $ agentlab content work --store postgres://team@db.internal/agentlab   workers on many machines, one queue (or AGENTLAB_STORE_URL)

Each piece is traced (a trace per run, linked from the /content page) into the store, and over
OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.

Ctrl+C once: stop leasing, finish the pieces in hand, exit 0. Twice: release them to the queue and exit 130.
`,
    )
    .action(async (options: WorkOptions) => {
      const { config } = await loadConfigFile({ cwd: context.cwd, ...(options.config ? { path: options.config } : {}) });
      const settings = contentSettings(config);
      const outputDirectory = path.resolve(context.cwd, options.output ?? settings.outputDirectory ?? 'lessons');
      // Every piece's spans go to the store (the /content page links each run to its trace) and over
      // OTLP when the OTEL_* variables ask; a bad OTLP setting is refused before anything is opened.
      let storeSink: SpanSink | undefined;
      const tracing = setupTracing({ environment: context.env, sinks: [{ write: (records) => storeSink?.write(records) }], version: packageVersion, onExportFailure: (message) => context.writeError(`warning: ${message}\n`) });
      // A store that cannot be opened (a database out of reach: exit 2) is refused before any model is.
      const opened = await openContentQueue(context, options).catch(async (error: unknown) => {
        await tracing.shutdown();
        throw error;
      });
      const provider = new ModelProvider({ config, latency: options.latency, env: context.env });
      storeSink = traceSink(opened.store, new PriceTable(config));
      const graceful = new AbortController();
      const hard = new AbortController();
      void (async () => {
        await context.waitForStop();
        graceful.abort();
        context.writeError('Stopping: finishing the pieces in hand (Ctrl+C again to release them and stop now).\n');
        await context.waitForStop();
        hard.abort();
      })();
      try {
        context.writeError(`Working the content queue on ${toTerminalLine(opened.queue.description, 200)} with ${options.workers} worker(s), publishing to ${toTerminalLine(outputDirectory, 200)}.\n`);
        const summary = await runContentWorkers({
          queue: opened.queue,
          store: opened.store,
          provider,
          settings,
          workers: options.workers,
          outputDirectory,
          signal: graceful.signal,
          abortSignal: hard.signal,
          ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
          ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
          ...(options.untilEmpty ? { untilEmpty: true } : {}),
          ...(options.seed === undefined ? {} : { seed: options.seed }),
          lessons: options.lessons,
          embeddingModel: options.embeddingModel ?? config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL,
          tracer: tracing.tracer,
          captureContent: options.captureContent === true || captureContentFromEnvironment(context.env),
          onPiece: (event) => context.writeOut(`${formatPieceLine(event)}\n`),
        });
        const outcomes = Object.entries(summary.outcomes).map(([outcome, count]) => `${count} ${outcome}`).join(', ') || 'nothing to do';
        context.writeError(`${summary.aborted ? 'Stopped' : 'Done'}: ${outcomes}; $${summary.costUsd.toFixed(4)}.\n`);
        if (summary.aborted) throw new CommandExit(EXIT_INTERRUPTED, 'stopped with the pieces in hand released');
      } finally {
        await tracing.shutdown();
        await opened.close();
        await provider.close();
      }
    });
}

/** Spans into the store, normalised, model calls without a cost of their own priced from the config's table. */
function traceSink(store: StoreBackend, prices: PriceTable): SpanSink {
  return normalizingSink(store, { priceFor: (name) => prices.lookup(name) });
}
