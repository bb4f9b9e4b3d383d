// Record and replay for an eval (`--record <dir>`, `--replay <dir>`, `--replay-missing`): the options
// checked, the cassette directory opened (a replay reads and checks every cassette before any cell
// runs), and the line that says what was replayed and what it cost.
import path from 'node:path';
import { CassetteError, costUsd, openCassetteDeck, secretValues, type AgentlabConfig, type CassetteDeck, type PriceTable, type ReplayMissing } from '../../models/index.js';
import type { RunConfig } from '../../store/index.js';
import type { Dataset } from '../dataset/index.js';
import type { CassetteReport } from '../outputs/index.js';

/** What record or replay did, with the money: the outputs' CassetteReport. */
export type EvalCassettes = CassetteReport;

export interface CassetteOptions {
  /** Write every model call of every cell to this directory, one JSONL cassette per cell. */
  record?: string;
  /** Answer every model call from the cassettes in this directory: no endpoint, no key. */
  replay?: string;
  /** With replay: a request no cassette holds is an error naming it (`error`, the default) or is sent to the endpoint and recorded (`record`). */
  replayMissing?: ReplayMissing;
}

const missingModes: readonly string[] = ['error', 'record'];

/** Refuses combinations that mean nothing, before anything is read. */
export function checkCassetteOptions(options: CassetteOptions): void {
  if (options.record !== undefined && options.replay !== undefined) throw new CassetteError('AGENTLAB_CASSETTE_OPTIONS_INVALID', '--record and --replay cannot go together: record into one directory, or replay from one (with --replay-missing record to add what is missing)');
  if (options.replayMissing !== undefined && options.replay === undefined) throw new CassetteError('AGENTLAB_CASSETTE_OPTIONS_INVALID', '--replay-missing goes with --replay <dir>');
  if (options.replayMissing !== undefined && !missingModes.includes(options.replayMissing)) throw new CassetteError('AGENTLAB_CASSETTE_OPTIONS_INVALID', `--replay-missing must be error or record, got "${options.replayMissing}"`);
  for (const [flag, value] of [['--record', options.record], ['--replay', options.replay]] as const) {
    if (value !== undefined && value.trim() === '') throw new CassetteError('AGENTLAB_CASSETTE_OPTIONS_INVALID', `${flag} needs a directory`);
  }
}

export async function openEvalCassettes(
  options: CassetteOptions,
  context: { cwd: string; env: Readonly<Record<string, string | undefined>>; config: AgentlabConfig; dataset: Dataset; runConfig: RunConfig; warn: (message: string) => void },
): Promise<CassetteDeck | undefined> {
  checkCassetteOptions(options);
  const given = options.record ?? options.replay;
  if (given === undefined) return undefined;
  const { dataset, runConfig, config, env } = context;
  const keyVariables = ['OPENAI_API_KEY', ...Object.values(config.models ?? {}).flatMap((model) => (model.apiKeyEnv ? [model.apiKeyEnv] : []))];
  const deck = await openCassetteDeck({
    directory: path.resolve(context.cwd, given),
    shownAs: given,
    mode: options.record !== undefined ? 'record' : 'replay',
    ...(options.replayMissing ? { missing: options.replayMissing } : {}),
    eval: {
      dataset: { path: dataset.path, hash: dataset.hash },
      matrix: { agents: [...runConfig.agents], models: [...runConfig.models], epochs: runConfig.epochs, seed: runConfig.seed },
    },
    secrets: secretValues(env, keyVariables),
  });
  if (deck.mismatch) context.warn(`${deck.mismatch}: cells whose requests differ will ${deck.missing === 'record' ? 'be recorded again' : 'be errors naming them'}`);
  return deck;
}

export function evalCassettes(deck: CassetteDeck, prices: PriceTable, recordedCostUsd: number | undefined): EvalCassettes {
  const { mode, directory, cells, replayed, recorded, missed, liveUsage } = deck.summary();
  let spent: number | undefined = 0;
  for (const [model, usage] of Object.entries(liveUsage)) {
    const modelPrices = prices.lookup(model);
    spent = spent === undefined || !modelPrices ? undefined : spent + costUsd(usage, modelPrices);
  }
  const report = { mode, directory, cells, replayed, recorded, missed, ...(recordedCostUsd === undefined ? {} : { recordedCostUsd }), ...(spent === undefined ? {} : { spentCostUsd: spent }) };
  return { ...report, line: describeEvalCassettes(report) };
}

function dollars(value: number | undefined): string {
  return value === undefined ? 'unknown (no price)' : `$${value.toFixed(value !== 0 && value < 0.01 ? 6 : 4)}`;
}

/** One line for the terminal: `Replayed 42 model calls from cassettes/ (none sent to an endpoint): recorded cost $0.0123, spent $0.0000`. */
export function describeEvalCassettes(cassettes: Omit<EvalCassettes, 'line'>): string {
  const calls = (count: number) => `${count} model call${count === 1 ? '' : 's'}`;
  if (cassettes.mode === 'record') return `Recorded ${calls(cassettes.recorded)} of ${cassettes.cells} cells in ${cassettes.directory}: cost ${dollars(cassettes.spentCostUsd)}.`;
  const live = cassettes.recorded === 0 ? 'none sent to an endpoint' : `${calls(cassettes.recorded)} not in the cassettes sent to an endpoint and recorded`;
  const missed = cassettes.missed === 0 ? '' : ` ${cassettes.missed} request${cassettes.missed === 1 ? ' was' : 's were'} not in the cassettes: those cells are errors (cassette_miss).`;
  return `Replayed ${calls(cassettes.replayed)} from ${cassettes.directory} (${live}): recorded cost ${dollars(cassettes.recordedCostUsd)}, spent ${dollars(cassettes.spentCostUsd)}.${missed}`;
}
