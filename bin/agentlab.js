#!/usr/bin/env node
// Installed as the `agentlab` command. Runs the JavaScript compiled into dist/ (built by `npm install`
// through the prepare script, or by `npm run build`): the bundled command in dist/cli-bundle/, which
// starts fastest, else the compiled modules; without a build, for instance in a checkout installed
// with --ignore-scripts, it runs the TypeScript sources through tsx, which starts slower.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/cli-bundle/agentlab.js', import.meta.url);
const compiled = new URL('../dist/cli/agentlab.js', import.meta.url);
if (existsSync(bundled)) {
  await import(bundled.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/agentlab.ts');
}
