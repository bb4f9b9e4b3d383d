// Runs stacks and writes what the receiver stored of each to <tmp>/stack-spans/<stack>.json, for
// reading the raw spans a dialect really sends. `tsx tracing/stacks/dump-spans.ts [stack ...]`;
// every stack when none is named. The output is for reading, not committed.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dumpFolderName, stackNames } from './constants.js';
import type { StackName } from './constants.js';
import { runStack } from './run-stack.js';

function isStackName(name: string): name is StackName {
  return (stackNames as readonly string[]).includes(name);
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !isStackName(name));
if (unknown.length > 0) {
  console.error(`unknown stack ${unknown.join(', ')}; the stacks are ${stackNames.join(', ')}`);
  process.exit(2);
}
const stacks = requested.length > 0 ? requested.filter(isStackName) : [...stackNames];
const folder = path.join(tmpdir(), dumpFolderName);
await mkdir(folder, { recursive: true });
for (const stack of stacks) {
  const run = await runStack(stack);
  try {
    const spans = run.spans.map((span) => ({
      name: span.name,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId ?? null,
      kind: span.kind,
      status: span.status,
      durationMs: span.durationMs,
      serviceName: span.serviceName,
      scope: span.scope,
      attributes: span.attributes,
      events: span.events,
    }));
    const file = path.join(folder, `${stack}.json`);
    await writeFile(file, `${JSON.stringify({ stack, model: run.model, traceIds: run.traceIds, spans }, null, 2)}\n`);
    console.log(`${stack}: ${spans.length} spans in ${run.traceIds.length} trace(s) → ${file}`);
  } finally {
    await run.close();
  }
}
