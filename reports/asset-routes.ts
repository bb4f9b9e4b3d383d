// The pages' static files under /assets: Chart.js's UMD build straight from node_modules (no CDN, so
// the reports work offline), and our own script and stylesheet from reports/assets. Read once, at
// start, and served from memory.
import { readFileSync } from 'node:fs';
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

export const assetPaths = {
  chartJs: '/assets/chart.umd.js',
  charts: '/assets/charts.js',
  liveRun: '/assets/live-run.js',
  styles: '/assets/app.css',
} as const;

export function registerAssetRoutes(app: FastifyInstance): void {
  const assets = new Map<string, Asset>([
    [assetPaths.chartJs, { contentType: javascript, body: readFileSync(chartJsUmdPath()) }],
    [assetPaths.charts, { contentType: javascript, body: readFileSync(ownAsset('charts.js')) }],
    [assetPaths.liveRun, { contentType: javascript, body: readFileSync(ownAsset('live-run.js')) }],
    [assetPaths.styles, { contentType: 'text/css; charset=utf-8', body: readFileSync(ownAsset('app.css')) }],
  ]);
  for (const [url, asset] of assets) {
    app.get(url, async (_request, reply) => reply.type(asset.contentType).header('Cache-Control', 'public, max-age=300').send(asset.body));
  }
}
