// The pages' static files under /assets: Chart.js's UMD build straight from node_modules (no CDN, so
// the reports work offline), and our own scripts and stylesheets from reports/assets (each page's .css appended to app.css). Read once, at
// start, and served from memory.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

interface Asset {
  contentType: string;
  body: Buffer;
}

const javascript = 'application/javascript; charset=utf-8';

/** Chart.js exports only its module builds; the UMD file sits beside the CommonJS one. */
function chartJsUmdPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
}

function ownAsset(name: string): string {
  return fileURLToPath(new URL(`./assets/${name}`, import.meta.url));
}

/** app.css, then each page's own stylesheet (reports/assets/*.css, by name), served as one file. */
function stylesheet(): Buffer {
  const folder = fileURLToPath(new URL('./assets/', import.meta.url));
  const pageSheets = readdirSync(folder).filter((name) => name.endsWith('.css') && name !== 'app.css').sort();
  return Buffer.concat(['app.css', ...pageSheets].map((name) => readFileSync(path.join(folder, name))));
}

export const assetPaths = {
  chartJs: '/assets/chart.umd.js',
  charts: '/assets/charts.js',
  contentCharts: '/assets/content-charts.js',
  liveRun: '/assets/live-run.js',
  decisions: '/assets/decisions.js',
  styles: '/assets/app.css',
} as const;

export function registerAssetRoutes(app: FastifyInstance): void {
  const assets = new Map<string, Asset>([
    [assetPaths.chartJs, { contentType: javascript, body: readFileSync(chartJsUmdPath()) }],
    [assetPaths.charts, { contentType: javascript, body: readFileSync(ownAsset('charts.js')) }],
    [assetPaths.contentCharts, { contentType: javascript, body: readFileSync(ownAsset('content-charts.js')) }],
    [assetPaths.liveRun, { contentType: javascript, body: readFileSync(ownAsset('live-run.js')) }],
    [assetPaths.decisions, { contentType: javascript, body: readFileSync(ownAsset('decisions.js')) }],
    [assetPaths.styles, { contentType: 'text/css; charset=utf-8', body: stylesheet() }],
  ]);
  for (const [url, asset] of assets) {
    app.get(url, async (_request, reply) => reply.type(asset.contentType).header('Cache-Control', 'public, max-age=300').send(asset.body));
  }
}
