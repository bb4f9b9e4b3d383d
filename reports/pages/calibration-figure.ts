// The run page's reliability diagrams as shapes an SVG can draw without script: per model × agent,
// one bar per tenth of confidence whose height is how often its answers passed, the diagonal a
// perfectly calibrated rater would follow, and the threshold the answers were escalated below.
import type { CalibrationGroup } from '../../eval/index.js';

/** The drawing's size and the plot's place in it, in SVG user units. */
export const diagramGeometry = { width: 260, height: 230, left: 40, top: 20, plotWidth: 204, plotHeight: 172 } as const;

export interface DiagramBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The bar's tooltip: the bin, its results, mean confidence and pass rate. */
  title: string;
  /** The bin's result count, written above the bar. */
  count: number;
  countX: number;
  countY: number;
  /** Passes more often than it is sure (under-confident) or less (over-confident): coloured apart. */
  side: 'under' | 'over' | 'even';
}

export interface ReliabilityDiagram {
  group: CalibrationGroup;
  bars: DiagramBar[];
  /** Where the threshold's line is drawn; absent when the threshold is unknown. */
  thresholdX?: number;
  /** The plot's corners, for the axes and the diagonal. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  ticks: Array<{ value: string; x: number; y: number }>;
  /** Text for a screen reader: the diagram in one sentence. */
  description: string;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function reliabilityDiagram(group: CalibrationGroup): ReliabilityDiagram {
  const { left, top, plotWidth, plotHeight } = diagramGeometry;
  const x = (confidence: number) => left + confidence * plotWidth;
  const y = (rate: number) => top + (1 - rate) * plotHeight;
  const bars: DiagramBar[] = group.bins
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const barTop = y(bin.passRate);
      const gap = bin.passRate - bin.meanConfidence;
      return {
        x: x(bin.lower) + 1,
        y: barTop,
        width: x(bin.upper) - x(bin.lower) - 2,
        height: Math.max(y(0) - barTop, 0),
        title: `confidence ${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)}: ${bin.count} results, mean confidence ${bin.meanConfidence.toFixed(2)}, ${percent(bin.passRate)} passed`,
        count: bin.count,
        countX: (x(bin.lower) + x(bin.upper)) / 2,
        countY: barTop - 3,
        side: Math.abs(gap) < 0.05 ? 'even' : gap > 0 ? 'under' : 'over',
      };
    });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value: value === 0 ? '0' : String(value), x: x(value), y: y(value) }));
  const shown = bars.map((bar) => bar.title.replace(/^confidence /, '')).join('; ');
  return {
    group,
    bars,
    ...(group.threshold === undefined ? {} : { thresholdX: x(group.threshold) }),
    x0: x(0),
    x1: x(1),
    y0: y(0),
    y1: y(1),
    ticks,
    description: `Reliability diagram of ${group.model} × ${group.agent}: ${shown}.`,
  };
}
