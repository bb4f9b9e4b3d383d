// Tracing overhead: the same agent workload on sim:oracle with zero latency, with tracing off (the
// global no-op tracer) and on (the real SDK, batching spans into a sink), alternated side by side.
// Target: on/off wall-time ratio at most 1.10.
import { performance } from 'node:perf_hooks';
import { agentPatterns, createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, runAgent, type AgentOptions } from '../../agents/index.js';
import { ModelProvider } from '../../models/index.js';
import { setupTracing, type SpanRecord } from '../../tracing/index.js';
import { alternate, median, type Benchmark } from '../harness/index.js';

const goals = [
  'Search for the boiling point of water and calculate 17 * 23',
  'Read notes.txt and list the files in the data folder',
  'Who created Python?',
  'Find the height of Mount Everest',
  'Calculate 1,234 plus 766 divided by 2',
];
/** Agent runs per sample: enough that a sample takes a good fraction of a second. */
const runsPerSample = 60;

export const tracingOverhead: Benchmark = {
  name: 'tracing-overhead',
  description: 'react on sim:oracle (zero latency): wall time with tracing on over tracing off',
  async run(context) {
    const provider = new ModelProvider({ latency: 'zero' });
    const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
    let exportedSpans = 0;
    const tracing = setupTracing({ environment: {}, sinks: [{ write: (spans: SpanRecord[]) => void (exportedSpans += spans.length) }] });
    try {
      const base: AgentOptions = { model: await provider.open('sim:oracle'), tools: createDefaultRegistry({ sandbox }), seed: 1 };
      const workload = (options: AgentOptions) => async () => {
        const started = performance.now();
        for (let index = 0; index < runsPerSample; index++) {
          const result = await runAgent('react', agentPatterns.react, goals[index % goals.length]!, options);
          if (result.status !== 'completed') throw new Error(`benchmark run ended with ${result.status}: ${result.error?.message}`);
        }
        return performance.now() - started;
      };
      const samples = await alternate(workload(base), workload({ ...base, tracer: tracing.tracer }), context.runs, {
        onRun: (run, runs) => context.log(`tracing-overhead: ${run}/${runs}`),
      });
      await tracing.forceFlush();
      const off = median(samples.a);
      const on = median(samples.b);
      return [
        {
          name: 'tracing on/off time ratio',
          value: on / off,
          unit: '×',
          target: { comparison: '<=', value: 1.1 },
          detail: `medians of ${context.runs}: off ${off.toFixed(0)} ms, on ${on.toFixed(0)} ms for ${runsPerSample} react runs; ${exportedSpans} spans exported`,
        },
        {
          name: 'tracing cost per span',
          value: ((on - off) * 1000) / (exportedSpans / (context.runs + 1)),
          unit: 'µs',
          target: null,
          detail: 'extra wall time with tracing on, divided by the spans one sample records',
        },
      ];
    } finally {
      await tracing.shutdown();
      await sandbox.remove();
      await provider.close();
    }
  },
};
