// `npm run build` (also run by `npm install` through the prepare script): compiles the TypeScript
// sources to dist/ and copies beside them the files they read at run time, so the agentlab command
// starts from plain JavaScript instead of compiling on every start.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
// Folders of data and templates that compiled modules find relative to themselves.
const assets = ['datasets', 'reports/views', 'reports/assets', 'reports/otlp/proto'];

rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('build failed: tsc reported the errors above');
  process.exit(compiled.status ?? 1);
}
for (const folder of assets) cpSync(path.join(root, folder), path.join(dist, folder), { recursive: true });
