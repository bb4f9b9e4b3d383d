// `agentlab models`: lists the model references available here, with their prices and context windows.
import { Command } from 'commander';
import { DEFAULT_CONFIG_FILE_NAME, listKnownModels, loadConfigFile } from '../../models/index.js';
import type { CatalogueEntry } from '../../models/index.js';
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { toTerminalText } from '../terminal-text.js';

interface ModelsCommandOptions {
  config?: string;
  json?: boolean;
}

const examples = `
Examples:
  $ agentlab models
  $ agentlab models --config ci/agentlab.config.yaml
  $ agentlab models --json | jq -r '.[].reference'
`;

const priceFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const tokenFormat = new Intl.NumberFormat('en-US');

export function createModelsCommand(context: CliContext): Command {
  return new Command('models')
    .description('List the models you can use (simulator, OpenAI, config file) with prices per million tokens and context windows.')
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .option('--json', 'print the list as JSON')
    .addHelpText('after', examples)
    .action(async (options: ModelsCommandOptions) => {
      const { config, file } = await loadConfigFile({ cwd: context.cwd, path: options.config });
      const entries = listKnownModels(config);
      if (options.json) {
        context.writeOut(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      // Names and descriptions may come from a config file: its control characters are shown, not obeyed.
      context.writeOut(toTerminalText(renderEntries(entries)));
      const source = file ?? `none (no ./${DEFAULT_CONFIG_FILE_NAME})`;
      context.writeOut(`\nPrices in USD per million tokens; CONTEXT is the window in tokens. Config: ${source}.\n`);
    });
}

function renderEntries(entries: readonly CatalogueEntry[]): string {
  const price = (value: number | undefined) => (value === undefined ? '-' : priceFormat.format(value));
  return formatTable(
    [
      { header: 'MODEL' },
      { header: 'PROVIDER' },
      { header: 'INPUT', align: 'right' },
      { header: 'OUTPUT', align: 'right' },
      { header: 'CONTEXT', align: 'right' },
      { header: 'DESCRIPTION' },
    ],
    entries.map((entry) => [
      entry.reference,
      entry.provider,
      price(entry.prices?.input),
      price(entry.prices?.output),
      entry.contextWindow === undefined ? '-' : tokenFormat.format(entry.contextWindow),
      entry.description,
    ]),
  );
}
