// `npm run build` (also run by `npm install` through the prepare script): compiles the TypeScript
// sources to dist/ and copies beside them the files they read at run time, so the agentlab command
// starts from plain JavaScript instead of compiling on every start. The new build is made beside
// the old one and swapped in, so an agentlab already running (a benchmark, a report server) never
// sees a half-written dist/. The command itself is then bundled (scripts/bundle-cli.mjs) into
// dist/cli-bundle/, which bin/agentlab.js runs: it starts in about half the CPU time.
import { spawnSync } from 'node:child_process';
import { cpSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const staging = path.join(root, `dist.building-${process.pid}`);
const retired = path.join(root, `dist.old-${process.pid}`);
// Folders of data and templates that compiled modules find relative to themselves.
const assets = ['datasets', 'reports/views', 'reports/assets', 'reports/otlp/proto'];

rmSync(staging, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging], { stdio: 'inherit' });
if (compiled.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error('build failed: tsc reported the errors above');
  process.exit(compiled.status ?? 1);
}
for (const folder of assets) cpSync(path.join(root, folder), path.join(staging, folder), { recursive: true });
try {
  await bundleCli(staging);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build failed: bundling the agentlab command: ${error.message}`);
  process.exit(1);
}
try {
  renameSync(dist, retired);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
renameSync(staging, dist);
rmSync(retired, { recursive: true, force: true });
