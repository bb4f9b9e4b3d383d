// The figures of one concurrency: agentlab's wall time over promptfoo's (the target), agentlab's
// peak RSS (the target), and promptfoo's own wall time for reference.
import { formatNumber, median, type AlternatedSamples, type Figure } from '../harness/index.js';
import { AGENTLAB_PEAK_RSS_TARGET_MIB, CASES, PROMPTFOO_VERSION, WALL_TIME_RATIO_TARGET } from './constants.js';
import type { EvalSample } from './eval-sample.js';

const bytesPerMiB = 1024 ** 2;

interface SideSummary {
  wallSeconds: number;
  casesPerSecond: number;
  peakRssMiB: number;
  peakRssRange: string;
}

function summarise(samples: readonly EvalSample[]): SideSummary {
  const wallSeconds = median(samples.map((sample) => sample.wallMs)) / 1000;
  const peaks = samples.map((sample) => sample.peakRssBytes / bytesPerMiB);
  return {
    wallSeconds,
    casesPerSecond: CASES / wallSeconds,
    peakRssMiB: median(peaks),
    peakRssRange: `${formatNumber(Math.min(...peaks))}–${formatNumber(Math.max(...peaks))} MiB`,
  };
}

function describe(tool: string, side: SideSummary): string {
  return `${tool} ${formatNumber(side.wallSeconds)} s (${formatNumber(side.casesPerSecond)} cases/s, peak RSS ${formatNumber(side.peakRssMiB)} MiB)`;
}

/** `samples.a` are promptfoo's runs, `samples.b` agentlab's; `howRun` says how they were alternated. */
export function versusFigures(concurrency: number, samples: AlternatedSamples<EvalSample>, howRun: string): Figure[] {
  const promptfoo = summarise(samples.a);
  const agentlab = summarise(samples.b);
  return [
    {
      name: `agentlab/promptfoo wall time, concurrency ${concurrency}`,
      value: agentlab.wallSeconds / promptfoo.wallSeconds,
      unit: '×',
      target: { comparison: '<=', value: WALL_TIME_RATIO_TARGET },
      detail: `${howRun}: ${describe('agentlab', agentlab)}, ${describe(`promptfoo ${PROMPTFOO_VERSION}`, promptfoo)}`,
    },
    {
      name: `agentlab peak RSS, concurrency ${concurrency}`,
      value: agentlab.peakRssMiB,
      unit: 'MiB',
      target: { comparison: '<=', value: AGENTLAB_PEAK_RSS_TARGET_MIB },
      detail: `median of the eval process's peak RSS (VmHWM) over its runs, range ${agentlab.peakRssRange}; tracing on, spans and results to the store`,
    },
    {
      name: `promptfoo wall time, concurrency ${concurrency}`,
      value: promptfoo.wallSeconds,
      unit: 's',
      target: null,
      detail: `promptfoo ${PROMPTFOO_VERSION} -j ${concurrency}: ${formatNumber(promptfoo.casesPerSecond)} cases/s, peak RSS ${formatNumber(promptfoo.peakRssMiB)} MiB (range ${promptfoo.peakRssRange})`,
    },
  ];
}
