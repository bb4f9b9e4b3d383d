#!/usr/bin/env node
// Installed as the `agentlab` command. Runs the JavaScript compiled into dist/ (built by `npm install`
// through the prepare script, or by `npm run build`); without a build, for instance in a checkout
// installed with --ignore-scripts, it runs the TypeScript sources through tsx, which starts slower.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/agentlab.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/agentlab.ts');
}
