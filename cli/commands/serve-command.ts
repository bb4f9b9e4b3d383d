// `agentlab serve`: the report server over the store: trends, runs, comparisons, case history,
// traces, costs, approvals and reviews (deciding them), and the OTLP receiver at /v1/traces. The
// store is a SQLite file or a PostgreSQL database (`--store postgres://…`, AGENTLAB_STORE_URL); one
// that cannot be opened stops the command (exit 2) before it listens.
import { Command, Option } from 'commander';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile, PriceTable } from '../../models/index.js';
import { defaultStorePath, storeReferenceScheme } from '../../store/index.js';
import { openCommandStore, storeOptionHelp } from '../command-store.js';
import type { CliContext } from '../cli-context.js';
import { DEFAULT_REPORT_HOST, DEFAULT_REPORT_PORT } from '../constants.js';
import { parsePort } from '../option-parsers.js';
import { startReportServer } from '../report-server.js';
import { createReviewMemory } from '../review-memory.js';

interface ServeCommandOptions {
  port: number;
  host: string;
  store?: string;
  token?: string;
  config?: string;
}

const examples = `
Examples:
  $ agentlab serve                                  the report of .agentlab/agentlab.db on http://127.0.0.1:${DEFAULT_REPORT_PORT}
  $ agentlab serve --store nightly.db --port 8080
  $ agentlab serve --store postgres://ci@db.internal/agentlab   the team's store, written by CI shards (or AGENTLAB_STORE_URL)
  $ agentlab serve --config team.yaml              prices from team.yaml for traces whose spans carry no cost
  $ agentlab serve --host 0.0.0.0 --token "$AGENTLAB_SERVE_TOKEN"   writes (OTLP, decisions) then need Authorization: Bearer <token>

Approvals and the review queue are decided at /approvals and /reviews (or POST /api/approvals/<id>/approve …);
a correction's lesson is embedded with memory.embeddingModel from the config (default sim:strong).
Other agents can send traces to http://127.0.0.1:${DEFAULT_REPORT_PORT}/v1/traces (OTLP/HTTP, JSON or protobuf).
`;

export function createServeCommand(context: CliContext): Command {
  return new Command('serve')
    .description('Serve the reports: trends, runs, comparisons, case history, traces, costs, approvals and reviews, and receive OTLP traces.')
    .addOption(new Option('-p, --port <port>', 'port to listen on; 0 picks a free one').default(DEFAULT_REPORT_PORT).argParser(parsePort))
    .option('--host <address>', 'interface to listen on (anything but loopback needs --token)', DEFAULT_REPORT_HOST)
    .option('--store <path|url>', storeOptionHelp('to report on'))
    .option('--token <token>', 'require Authorization: Bearer <token> on writes (default: AGENTLAB_SERVE_TOKEN)')
    .option('-c, --config <file>', `config file whose prices cost traces' model calls (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .addHelpText('after', examples)
    .action(async (options: ServeCommandOptions) => {
      // The config is read first: a bad one is refused before the store is opened.
      const { config } = await loadConfigFile({ cwd: context.cwd, path: options.config });
      const prices = new PriceTable(config);
      // Throws AGENTLAB_STORE_OPEN_FAILED or _VERSION_TOO_NEW (exit 2) naming the file or the database without its password.
      const store = await openCommandStore(options.store, context);
      const reference = options.store ?? (context.env.AGENTLAB_STORE_URL || defaultStorePath);
      const token = options.token ?? context.env.AGENTLAB_SERVE_TOKEN;
      try {
        // Lessons of corrections made on the reviews page go to episodic memory in this store (SQLite or
        // PostgreSQL), opened on the first one.
        const reviewMemory = createReviewMemory({ config, store, env: context.env });
        const server = await startReportServer({ store, host: options.host, port: options.port, priceFor: (model) => prices.lookup(model), reviewMemory, ...(token ? { token } : {}) });
        context.writeOut(`agentlab reports at ${server.url}/ (store ${storeReferenceScheme(reference) === 'file' ? reference : store.location}); OTLP traces to ${server.url}/v1/traces\n`);
        const signal = await context.waitForStop();
        context.writeOut(`\nReceived ${signal}, stopping the report server.\n`);
        await server.close();
      } finally {
        await store.close();
      }
    });
}
