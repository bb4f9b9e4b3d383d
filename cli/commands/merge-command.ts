// `agentlab merge a.db b.db … --into all.db`: the store files of CI shards (`agentlab eval --shard i/n`)
// put together into one run, refused (exit 2, the target untouched) when they are not the shards of
// one run: another dataset, seed or matrix, a shard twice, a shard unfinished or missing.
import { Command, InvalidArgumentError } from 'commander';
import { mergeShardFiles, runIdProblem } from '../../eval/index.js';
import type { CliContext } from '../cli-context.js';
import { toTerminalText } from '../terminal-text.js';

interface MergeOptions {
  into: string;
  runId?: string;
  run?: string;
  allowPartial?: boolean;
  json?: boolean;
}

function parseRunId(value: string): string {
  const problem = runIdProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

const examples = `
Examples:
  $ agentlab merge shard-1.db shard-2.db shard-3.db shard-4.db --into all.db
  $ agentlab merge shards/*.db --into all.db --run-id nightly-$GITHUB_RUN_ID && agentlab summary --store all.db --min-success 0.8
  $ agentlab merge shard-1.db shard-3.db --into partial.db --allow-partial     what two of four shards hold

Each file's run made with --shard (or with --run-id and --shard) is taken, with its results, its
traces' spans and the dataset's case definitions. The files must be shards of one run: the same
dataset bytes, seed, agents, models, epochs, filter, shard count, case timeout, confidence and lessons
settings, each shard once, and every shard there and finished unless --allow-partial (the merged run
is then interrupted and agentlab summary fails its complete gate). The merged run keeps the shards'
id when they share one (--run-id on the shards), else gets a new one.

The shard files and the --into store are SQLite files: merge is for shards that each wrote a file
of their own. Shards that share a PostgreSQL store (--store postgres://… --run-id <id> --shard i/n)
write one run already and need no merge.

Exit code 0 when merged, 2 when refused; a refusal leaves the --into store as it was.
`;

export function createMergeCommand(context: CliContext): Command {
  return new Command('merge')
    .description('Merge the store files of CI shards (agentlab eval --shard i/n) into one run.')
    .argument('<files...>', 'shard store files (.db)')
    .requiredOption('--into <file>', 'the SQLite store the merged run goes to: a new file or an existing store')
    .option('--run-id <id>', 'id of the merged run (default: the shards\' own when they share one, else a new one)', parseRunId)
    .option('--run <id>', 'the run to take from every file, when a file holds several shard runs')
    .option('--allow-partial', 'merge even when shards are missing or unfinished; the merged run is interrupted')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', examples)
    .action((files: string[], options: MergeOptions) => {
      const merged = mergeShardFiles({
        files,
        into: options.into,
        cwd: context.cwd,
        ...(options.runId ? { runId: options.runId } : {}),
        ...(options.run ? { sourceRunId: options.run } : {}),
        ...(options.allowPartial ? { allowPartial: true } : {}),
      });
      if (options.json) {
        context.writeOut(`${JSON.stringify(merged, null, 2)}\n`);
        return;
      }
      const missing = merged.missing.length > 0 ? `; shards ${merged.missing.join(', ')} missing` : '';
      context.writeOut(
        toTerminalText(
          `Merged ${merged.shards} of ${merged.count} shards into run ${merged.runId} in ${options.into}: ${merged.results} results, ${merged.spans} spans; the run is ${merged.status}${missing}.\n` +
            `Gate it with: agentlab summary ${merged.runId} --store ${options.into}\n`,
        ),
      );
    });
}
