// Every benchmark `npm run bench` runs, in order, each loaded only in the process that runs it (an
// import of all of them takes about 2 s). Add a new one here.
//
// The order matters for the figures that time microseconds per call against a simulator (the agent,
// the model proxy, the simulator, tracing, the transport, OTLP ingest): they run first, on a machine
// that the long benchmarks writing and reading hundreds of MiB (eval-scale, the year stores,
// PostgreSQL) have not yet worn. Measured after them, in a process of its own all the same, the
// proxy's overhead read 0.29-0.35 ms in three full runs against 0.20-0.23 ms measured first.
import type { Benchmark } from './harness/index.js';

export interface BenchmarkEntry {
  /** The benchmark's own name (checked against what load() gives). */
  name: string;
  load(): Promise<Benchmark>;
  /**
   * It waits on simulated latency or a rate limit nearly all the time, its figures far from what a
   * little CPU taken by another moves: it runs at the same time as the entries next to it that say
   * the same (bench/run.ts), which saves about a minute of `npm run bench`'s 15.
   */
  waitsMostly?: true;
}

export const benchmarks: readonly BenchmarkEntry[] = [
  { name: 'agent-overhead', load: async () => (await import('./agent-overhead/index.js')).agentOverhead },
  { name: 'model-proxy', load: async () => (await import('./model-proxy/index.js')).modelProxy },
  { name: 'simulator-overhead', load: async () => (await import('./simulator/index.js')).simulatorOverhead },
  { name: 'simulator-streaming', load: async () => (await import('./simulator/index.js')).simulatorStreamingOverhead },
  { name: 'simulator-concurrency', load: async () => (await import('./simulator/index.js')).simulatorConcurrency },
  { name: 'tracing-overhead', load: async () => (await import('./tracing/index.js')).tracingOverhead },
  { name: 'transport', load: async () => (await import('./transport/index.js')).transportComparison },
  { name: 'otlp-ingest', load: async () => (await import('./reports/index.js')).otlpIngest },
  { name: 'versus-promptfoo', load: async () => (await import('./versus-promptfoo/index.js')).versusPromptfoo },
  { name: 'versus-bare-client', load: async () => (await import('./versus-bare-client/index.js')).versusBareClient },
  { name: 'versus-evalite', load: async () => (await import('./versus-evalite/index.js')).versusEvalite },
  { name: 'eval-concurrency', load: async () => (await import('./eval-concurrency/index.js')).evalConcurrency },
  { name: 'eval-scale', load: async () => (await import('./eval-scale/index.js')).evalScale },
  { name: 'eval-latency-scale', load: async () => (await import('./eval-latency-scale/index.js')).evalLatencyScale },
  { name: 'report-pages', load: async () => (await import('./reports/index.js')).reportPages },
  { name: 'report-pages-postgres', load: async () => (await import('./reports/index.js')).reportPagesPostgres },
  { name: 'postgres-writers', load: async () => (await import('./postgres-writers/index.js')).postgresWriters },
  { name: 'traces-page', load: async () => (await import('./reports/index.js')).tracesPage },
  { name: 'memory-recall', load: async () => (await import('./memory-recall/index.js')).memoryRecall },
  { name: 'queue', load: async () => (await import('./queue/index.js')).queueOverhead },
  // These three run at the same time: rate-limits paces 1,000 calls under 600 a minute (about 10 a
  // second), content's workers wait on the simulator's realistic latency, and record-replay records
  // against calls held 200 ms; the figures with targets are ratios and counts far from their targets
  // (pieces an hour about 50 times the target, replay/record a quarter of it).
  { name: 'rate-limits', load: async () => (await import('./rate-limits/index.js')).rateLimitedEval, waitsMostly: true },
  { name: 'content', load: async () => (await import('./content/index.js')).contentThroughput, waitsMostly: true },
  { name: 'record-replay', load: async () => (await import('./record-replay/index.js')).recordReplay, waitsMostly: true },
];

/** The benchmark of that entry, loaded; throws when the module's benchmark has another name. */
export async function loadBenchmark(entry: BenchmarkEntry): Promise<Benchmark> {
  const benchmark = await entry.load();
  if (benchmark.name !== entry.name) throw new Error(`bench/benchmarks.ts lists ${entry.name}, but its module's benchmark is named ${benchmark.name}`);
  return benchmark;
}

/** The entries in order, in groups run at the same time: consecutive entries that wait mostly share one. */
export function scheduleBenchmarks(entries: readonly BenchmarkEntry[]): BenchmarkEntry[][] {
  const groups: BenchmarkEntry[][] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (entry.waitsMostly && last?.[0]?.waitsMostly) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}
