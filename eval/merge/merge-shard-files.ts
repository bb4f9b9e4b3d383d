// `agentlab merge a.db b.db … --into all.db`: the runs of n CI shards (`agentlab eval --shard i/n`, each
// with its own SQLite file) put together into one run, as if one process had made the whole matrix:
// the run, its shards, every result, the dataset's case definitions and the spans of the results'
// traces. Every file is checked before the target is opened, and the run is written in one
// transaction, so a refusal or a failure leaves the target as it was.
import path from 'node:path';
import { emptyConfig, PriceTable } from '../../models/index.js';
import { caseResultKey, openStore, type CaseDefinition, type CaseResultRecord, type Store } from '../../store/index.js';
import { normalizeSpans, type NormalizedSpan, type SpanRecord } from '../../tracing/index.js';
import { EvalError } from '../errors.js';
import { planMerge, type MergePlanOptions } from './merge-plan.js';
import { openShardSource, type ShardSource } from './shard-source.js';

// The attribute that ties a span to its run; the span table copies it into a column.
const runIdAttribute = 'agentlab.run.id';

export interface MergeShardFilesOptions extends MergePlanOptions {
  /** Shard store files, as given (relative to cwd). */
  files: readonly string[];
  /** The store the merged run goes to: a new file or an existing store. */
  into: string;
  /** The run to take from every file; by default each file's one shard run. */
  sourceRunId?: string;
  cwd?: string;
}

export interface MergeShardFilesResult {
  runId: string;
  status: 'completed' | 'interrupted';
  shards: number;
  count: number;
  missing: number[];
  results: number;
  spans: number;
}

function refuse(message: string): EvalError {
  return new EvalError('AGENTLAB_MERGE_INVALID', message);
}

/** The source's results as the merged run's, refusing a cell that another file holds too. */
function takeResults(source: ShardSource, runId: string, seen: Map<string, string>, into: CaseResultRecord[]): void {
  for (const result of source.store.caseResults(source.run.id)) {
    const key = caseResultKey(result);
    const other = seen.get(key);
    if (other) throw refuse(`${source.file} and ${other} both hold the result of case ${result.caseId} (${result.agent}, ${result.model}, epoch ${result.epoch}): they are not disjoint shards`);
    seen.set(key, source.file);
    into.push({ ...result, runId });
  }
}

/** The spans of the source's traces, their run attribute naming the merged run. */
function takeSpans(source: ShardSource, runId: string, traceIds: ReadonlySet<string>, priceFor: (model: string) => ReturnType<PriceTable['lookup']>): NormalizedSpan[] {
  const spans: SpanRecord[] = [];
  for (const traceId of traceIds) {
    for (const span of source.store.spans(traceId)) {
      const renamed = span.attributes[runIdAttribute] === source.run.id && runId !== source.run.id;
      spans.push(renamed ? { ...span, attributes: { ...span.attributes, [runIdAttribute]: runId } } : span);
    }
  }
  return normalizeSpans(spans, priceFor);
}

export function mergeShardFiles(options: MergeShardFilesOptions): MergeShardFilesResult {
  const cwd = options.cwd ?? process.cwd();
  const target = path.resolve(cwd, options.into);
  const sources: ShardSource[] = [];
  const paths = new Map<string, string>();
  let store: Store | undefined;
  try {
    for (const file of options.files) {
      const resolved = path.resolve(cwd, file);
      if (resolved === target) throw refuse(`${file} is also the --into store: merge into another file`);
      const again = paths.get(resolved);
      if (again) throw refuse(`${file} is given twice (also as ${again})`);
      paths.set(resolved, file);
      sources.push(openShardSource(file, resolved, options.sourceRunId));
    }
    const plan = planMerge(sources, options);
    const results: CaseResultRecord[] = [];
    const seen = new Map<string, string>();
    const spans: NormalizedSpan[] = [];
    const cases = new Map<string, CaseDefinition>();
    const prices = new PriceTable(emptyConfig);
    for (const source of sources) {
      const start = results.length;
      takeResults(source, plan.run.id, seen, results);
      const taken = results.slice(start);
      const traceIds = new Set(taken.map((result) => result.traceId).filter((traceId) => traceId !== undefined));
      spans.push(...takeSpans(source, plan.run.id, traceIds, (model) => prices.lookup(model)));
      for (const [caseId, definition] of source.store.datasetCases(source.run.datasetHash, taken.map((result) => result.caseId))) cases.set(caseId, definition);
    }
    store = openStore(target);
    if (store.getRun(plan.run.id)) throw refuse(`${options.into} already holds a run ${plan.run.id}: give the merged run another id with --run-id`);
    store.importRun({ run: plan.run, shards: plan.shards, results, datasetCases: [...cases.values()], spans });
    return {
      runId: plan.run.id,
      status: plan.run.status === 'completed' ? 'completed' : 'interrupted',
      shards: plan.shards.length,
      count: plan.run.config.shards ?? 1,
      missing: plan.missing,
      results: results.length,
      spans: spans.length,
    };
  } finally {
    store?.close();
    for (const source of sources) source.store.close();
  }
}
