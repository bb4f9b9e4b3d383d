// The cells a run makes: the matrix of the dataset's cases (after --filter) × agents × models ×
// epochs, narrowed to one shard when the config names one.
import type { RunConfig } from '../../store/index.js';
import type { Dataset } from '../dataset/index.js';
import { EvalError } from '../errors.js';
import { buildMatrix, filterCases, parseShard, shardCells, shardProblem, type MatrixCell } from './matrix.js';

/** The cells a run of `config` on `dataset` makes; throws when the shard is malformed or nothing is left to run. */
export function planCells(dataset: Dataset, config: RunConfig): MatrixCell[] {
  const problem = config.shard === undefined ? undefined : shardProblem(config.shard);
  if (problem) throw new EvalError('AGENTLAB_SHARD_INVALID', `--shard ${config.shard}: ${problem}`);
  const cells = shardCells(buildMatrix(filterCases(dataset.cases, config.filter), config.agents, config.models, config.epochs), parseShard(config.shard ?? ''));
  if (cells.length === 0) throw new EvalError('AGENTLAB_EVAL_EMPTY', 'nothing to run: no case matches the filter, agents and shard given');
  return cells;
}
