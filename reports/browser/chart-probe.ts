// Reads a drawn Chart.js chart from a browser page for the tests: its series, bands, legend and tooltip
// as the page's Chart.js instance holds them, and where on the screen a point or a legend entry is, so
// a test can point at it or click it as a person would. (The project compiles without DOM types, so
// the browser side is described by the few members it uses.)
import type { Page } from 'playwright-core';

export interface SeriesFacts {
  label: string;
  color: string;
  visible: boolean;
  pointRadius: number;
  /** The x value (days since 1970-01-01) and y of each point, null where there is none. */
  points: Array<{ x: number; y: number | null }>;
}

export interface BandFacts {
  label: string;
  /** The series index the band belongs to. */
  bandOf: number;
  visible: boolean;
  /** The dataset index the filler fills to (the lower bound's, for an upper bound), or false. */
  fillsTo: number | false;
  color: string;
}

export interface ChartFacts {
  series: SeriesFacts[];
  bands: BandFacts[];
  xMin: number;
  xMax: number;
  /** The plot area in canvas pixels. */
  area: { left: number; right: number; top: number; bottom: number };
  pluginIds: string[];
}

interface BrowserDataset {
  label: string;
  bandOf?: number;
  borderColor: string;
  pointRadius: number;
  data: Array<{ x: number; y: number | null }>;
}

interface BrowserElement {
  x: number;
  y: number;
  options: { backgroundColor: string };
}

interface BrowserChart {
  canvas: { getBoundingClientRect(): { left: number; top: number } };
  data: { datasets: BrowserDataset[] };
  scales: { x: { min: number; max: number } };
  chartArea: { left: number; right: number; top: number; bottom: number };
  config: { plugins: Array<{ id: string }> };
  isDatasetVisible(index: number): boolean;
  getDatasetMeta(index: number): { data: BrowserElement[]; dataset?: BrowserElement; $filler?: { fill: number | false } };
  legend: { legendItems: Array<{ text: string }>; legendHitBoxes: Array<{ left: number; top: number; width: number; height: number }> };
  tooltip: { opacity: number; title: string[]; body: Array<{ lines: string[]; after: string[] }> };
}

interface ChartGlobal {
  Chart: { getChart(id: string): BrowserChart | undefined };
}

/** Everything the tests check about one chart, by its canvas id. */
export async function chartFacts(page: Page, canvasId: string): Promise<ChartFacts> {
  return page.evaluate((id) => {
    const chart = (globalThis as unknown as ChartGlobal).Chart.getChart(id);
    if (!chart) throw new Error(`no chart on #${id}`);
    const series: SeriesFacts[] = [];
    const bands: BandFacts[] = [];
    chart.data.datasets.forEach((dataset, index) => {
      const meta = chart.getDatasetMeta(index);
      if (dataset.bandOf === undefined) {
        series.push({ label: dataset.label, color: dataset.borderColor, visible: chart.isDatasetVisible(index), pointRadius: dataset.pointRadius, points: dataset.data.map((point) => ({ x: point.x, y: point.y })) });
      } else {
        bands.push({ label: dataset.label, bandOf: dataset.bandOf, visible: chart.isDatasetVisible(index), fillsTo: meta.$filler ? meta.$filler.fill : false, color: meta.dataset ? meta.dataset.options.backgroundColor : '' });
      }
    });
    return { series, bands, xMin: chart.scales.x.min, xMax: chart.scales.x.max, area: { ...chart.chartArea }, pluginIds: chart.config.plugins.map((plugin) => plugin.id) };
  }, canvasId);
}

/** Where on the page (CSS pixels from the viewport's corner) a series' point is drawn. */
export async function pointPosition(page: Page, canvasId: string, label: string, pointIndex: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([id, name, index]) => {
    const chart = (globalThis as unknown as ChartGlobal).Chart.getChart(id)!;
    const datasetIndex = chart.data.datasets.findIndex((dataset) => dataset.label === name && dataset.bandOf === undefined);
    const element = chart.getDatasetMeta(datasetIndex).data[index]!;
    const box = chart.canvas.getBoundingClientRect();
    return { x: box.left + element.x, y: box.top + element.y };
  }, [canvasId, label, pointIndex] as const);
}

/** Where on the page a legend entry is, by its text. */
export async function legendItemPosition(page: Page, canvasId: string, label: string): Promise<{ x: number; y: number }> {
  return page.evaluate(([id, name]) => {
    const chart = (globalThis as unknown as ChartGlobal).Chart.getChart(id)!;
    const index = chart.legend.legendItems.findIndex((item) => item.text === name);
    if (index < 0) throw new Error(`no legend entry ${name}`);
    const hitBox = chart.legend.legendHitBoxes[index]!;
    const box = chart.canvas.getBoundingClientRect();
    return { x: box.left + hitBox.left + hitBox.width / 2, y: box.top + hitBox.top + hitBox.height / 2 };
  }, [canvasId, label] as const);
}

/** The tooltip's text as shown: its title, then each item's lines; empty when it is hidden. */
export async function tooltipText(page: Page, canvasId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const tooltip = (globalThis as unknown as ChartGlobal).Chart.getChart(id)!.tooltip;
    if (tooltip.opacity === 0) return [];
    return [...tooltip.title, ...tooltip.body.flatMap((item) => [...item.lines, ...item.after])];
  }, canvasId);
}

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD` day, as the trends charts' x axis counts them. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}
