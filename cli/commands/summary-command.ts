// `agentlab summary [run]`: the verdict on a run already in the store, without running anything: the
// summary table, the comparison with a baseline, the gates and the CI outputs (JUnit, Markdown, JSON).
// It is what a CI summary job runs once its shards are in one run (`agentlab merge`, or a shared
// store): exit 0 when every gate holds, 1 when one fails (an incomplete run fails `complete`), 2 for
// a store or run that is not there.
import { statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_MAX_ERRORS, findStoredRun, resolveStoreReference, formatSummaryTable, summarizeStoredRun, writeOutputs } from '../../eval/index.js';
import { defaultStorePath, openStoreBackend, StoreError, storeReferenceScheme } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { storeOptionHelp } from '../command-store.js';
import { EXIT_FAILURE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { parseRate } from '../option-parsers.js';
import { toTerminalText } from '../terminal-text.js';

interface SummaryOptions {
  store?: string;
  minSuccess?: number;
  maxErrors: number;
  baseline?: string;
  failOnRegression?: boolean;
  junit?: string;
  markdown?: string;
  json?: string;
}

const examples = `
Examples:
  $ agentlab summary                                    the newest run in .agentlab/agentlab.db
  $ agentlab summary nightly-1234 --store all.db --min-success 0.8 --markdown summary.md
  $ agentlab merge shard-*.db --into all.db && agentlab summary --store all.db --junit junit.xml
  $ agentlab summary run-20261124 --baseline latest --fail-on-regression
  $ agentlab summary nightly-1234 --store postgres://ci@db.internal/agentlab   a run its shards wrote into PostgreSQL

Gates: complete (the run completed; a run made by shards names the ones missing), then
--min-success, --fail-on-regression, --max-errors and scored-results as in agentlab eval.
Exit code 0 when every gate holds, 1 when one fails, 2 for a store or run that is not there.
`;

export function createSummaryCommand(context: CliContext): Command {
  return new Command('summary')
    .description('Summarise and gate a run already in the store, and write its CI outputs, without running anything.')
    .argument('[run]', 'run id or a prefix of one (default: the newest run in the store)')
    .option('--store <path|url>', storeOptionHelp('the run is in'))
    .addOption(new Option('--min-success <rate>', 'gate: the overall success rate must reach this (0-1 or 80%)').argParser(parseRate))
    .addOption(
      new Option('--max-errors <rate>', 'gate: the share of results that are errors may not exceed this; 100% turns it off')
        .default(DEFAULT_MAX_ERRORS, `${DEFAULT_MAX_ERRORS * 100}%`)
        .argParser(parseRate),
    )
    .option('--baseline <run-id|latest>', 'compare with this run (latest: the newest other completed run on the same dataset)')
    .option('--fail-on-regression', 'gate: fail when the comparison with the baseline says regressed')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary (for a CI step summary)')
    .option('--json <file>', 'write the full report as JSON')
    .addHelpText('after', examples)
    .action(async (runArgument: string | undefined, options: SummaryOptions) => {
      const reference = options.store ?? (context.env.AGENTLAB_STORE_URL || defaultStorePath);
      const storePath = resolveStoreReference(reference, context.cwd);
      const isFile = storeReferenceScheme(reference) === 'file';
      // Reading a store must not make one: a mistyped path is an error, not an empty store.
      if (isFile && !statSync(storePath, { throwIfNoEntry: false })?.isFile()) {
        throw new StoreError('AGENTLAB_STORE_OPEN_FAILED', `Cannot open the agentlab store at ${reference}: no such file.`);
      }
      const store = await openStoreBackend(storePath);
      try {
        const run = await findStoredRun(store, runArgument);
        const summary = await summarizeStoredRun(store, run, {
          maxErrors: options.maxErrors,
          ...(options.minSuccess !== undefined ? { minSuccess: options.minSuccess } : {}),
          ...(options.baseline ? { baseline: options.baseline } : {}),
          ...(options.failOnRegression ? { failOnRegression: true } : {}),
        });
        context.writeOut(`${toTerminalText(formatSummaryTable(summary))}\n`);
        const written = await writeOutputs(store, summary, options, context.cwd);
        for (const file of written) context.writeError(`Wrote ${file}\n`);
        const failed = summary.gates.filter((gate) => !gate.passed);
        if (failed.length > 0) throw new CommandExit(EXIT_FAILURE, `gate failed: ${failed.map((gate) => gate.detail).join('; ')}`);
      } finally {
        await store.close();
      }
    });
}
