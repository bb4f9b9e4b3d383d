// What `agentlab eval` loads: only what an eval of an OpenAI-compatible endpoint on SQLite uses. A
// package loaded at start costs every eval its loading time (pg, exported by mistake from
// store/index.ts, cost about 25 ms), so the packages of other commands, backends and the embedded
// simulator (Fastify) stay behind lazy imports.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type RunningSimServer } from '../models/sim/server.js';

const binary = fileURLToPath(new URL('../bin/agentlab.js', import.meta.url));
const directory = mkdtempSync(path.join(os.tmpdir(), 'agentlab-startup-modules-'));
let endpoint: RunningSimServer;
beforeAll(async () => {
  endpoint = await startSimServer({ latency: 'zero' });
});
afterAll(async () => {
  await endpoint.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A preload that writes, as the process exits, the packages whose CommonJS modules it loaded. */
function writeModuleRecorder(outputPath: string): string {
  const recorder = path.join(directory, 'record-modules.cjs');
  writeFileSync(
    recorder,
    `process.on('exit', () => {
  const names = new Set();
  for (const key of Object.keys(require.cache)) {
    const match = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(key);
    if (match) names.add(match[1].replace('\\\\', '/'));
  }
  require('node:fs').writeFileSync(${JSON.stringify(outputPath)}, JSON.stringify([...names].sort()));
});
`,
  );
  return recorder;
}

function run(arguments_: string[]): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env, NO_COLOR: '1', OPENAI_BASE_URL: endpoint.baseURL, OPENAI_API_KEY: 'sk-test' };
  const child = spawn(process.execPath, arguments_, { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('agentlab eval at start', () => {
  it('loads no package of another command or store backend', async () => {
    const dataset = path.join(directory, 'one-case.jsonl');
    writeFileSync(dataset, `${JSON.stringify({ id: 'reply', goal: 'Respond with water-1', expected_output_contains: ['water-1'] })}\n`);
    const loadedPath = path.join(directory, 'loaded.json');
    const recorder = writeModuleRecorder(loadedPath);
    const { code, stderr } = await run(['--require', recorder, binary, 'eval', dataset, '--models', 'openai:oracle', '--agents', 'react', '--epochs', '1', '--store', path.join(directory, 'agentlab.db'), '-q']);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const loaded = JSON.parse(readFileSync(loadedPath, 'utf8')) as string[];
    // The store's driver is there, so the recorder sees what the eval loads.
    expect(loaded).toContain('better-sqlite3');
    for (const unwanted of ['pg', 'pg-pool', 'bullmq', 'ioredis', 'fastify', 'playwright-core', '@opentelemetry/exporter-trace-otlp-proto']) expect(loaded).not.toContain(unwanted);
  });
});
