// The agent examples, each evaluated end to end as a user would: `agentlab eval` on its golden
// cases with the example as the agent target (module, command or http) on the simulated model.
// Every case must pass, and the trajectory checks must have been run on what the proxy recorded,
// so an example that stops calling its tools, or a target kind that stops capturing them, fails here.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../eval/index.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const examplesFolder = fileURLToPath(new URL('./', import.meta.url));
const evalTimeoutMs = 120_000;
const installTimeoutMs = 180_000;

/** Examples with a package.json of their own: their dependencies are not part of agentlab's install. */
const examplesWithDependencies = ['openai-module', 'vercel-ai-module', 'http-server'];

let temporaryFolder: string;
let httpServer: ChildProcess | undefined;
let httpServerUrl: string;

/**
 * Installs an example's own dependencies on a fresh clone, exactly as its lock file says and without
 * rewriting it (npm ci), so a test run leaves the checkout as it was. Scripts are skipped: the
 * `agentlab` link's `prepare` would rebuild the repository the tests already built.
 */
async function installDependencies(example: string): Promise<void> {
  const folder = path.join(examplesFolder, example);
  if (existsSync(path.join(folder, 'node_modules'))) return;
  await run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: folder, timeout: installTimeoutMs });
}

/** Starts the http-server example on a free port and resolves with its /run URL. */
function startHttpServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(examplesFolder, 'http-server', 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    httpServer = server;
    let printed = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk: string) => {
      printed += chunk;
      const url = /listening at (\S+)/.exec(printed)?.[1];
      if (url) resolve(url);
    });
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk: string) => {
      printed += chunk;
    });
    server.on('exit', (code) => reject(new Error(`the http-server example exited with ${code} before listening: ${printed}`)));
  });
}

async function cases(dataset: string): Promise<Array<{ id: string }>> {
  const text = await readFile(path.join(repositoryRoot, dataset), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as { id: string });
}

/** Runs `agentlab eval` as a user would and returns its JSON report. */
async function evaluateExample(dataset: string, agent: string, name: string): Promise<JsonReport> {
  const reportPath = path.join(temporaryFolder, `${name}.json`);
  const argumentsList = ['bin/agentlab.js', 'eval', dataset, '--agents', agent, '--models', 'sim:strong', '--epochs', '1', '--latency', 'zero'];
  argumentsList.push('--store', path.join(temporaryFolder, `${name}.db`), '--json', reportPath, '-q');
  try {
    await run(process.execPath, argumentsList, { cwd: repositoryRoot, timeout: evalTimeoutMs });
  } catch (error) {
    // Exit code 1 (a case failed) still writes the report, which says more than the exit code.
    if (!existsSync(reportPath)) throw error;
  }
  return JSON.parse(await readFile(reportPath, 'utf8')) as JsonReport;
}

/** Every case ran once, passed, and had its trajectory checked against the tools it expects. */
async function expectEveryCasePassed(report: JsonReport, dataset: string): Promise<void> {
  const expected = await cases(dataset);
  expect(report.results.map((result) => result.caseId).sort()).toEqual(expected.map((goldenCase) => goldenCase.id).sort());
  const failures = report.results
    .filter((result) => result.status !== 'pass')
    .map((result) => ({ caseId: result.caseId, status: result.status, error: result.error, failed: result.checks.filter((check) => !check.passed), output: result.output }));
  expect(failures).toEqual([]);
  for (const result of report.results) {
    expect(result.checks.find((check) => check.check === 'tools'), `${result.caseId} has a tools check`).toMatchObject({ passed: true });
  }
  // The proxy saw the tools being called: at least one case called a tool through it.
  expect(report.results.flatMap((result) => result.toolsCalled).length).toBeGreaterThan(0);
}

beforeAll(async () => {
  temporaryFolder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-examples-'));
  await Promise.all(examplesWithDependencies.map(installDependencies));
  httpServerUrl = await startHttpServer();
}, installTimeoutMs);

afterAll(async () => {
  httpServer?.kill();
  if (temporaryFolder) await rm(temporaryFolder, { recursive: true, force: true });
});

describe('agent examples', () => {
  it('typecheck against agentlab\'s public types and their own dependencies', { timeout: evalTimeoutMs }, async () => {
    const files = ['openai-module/agent.ts', 'vercel-ai-module/agent.ts', 'http-server/server.mjs'].map((file) => path.join(examplesFolder, file));
    const options = ['--ignoreConfig', '--noEmit', '--strict', '--noUnusedLocals', '--noUnusedParameters', '--allowJs', '--checkJs', '--skipLibCheck'];
    options.push('--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023', '--types', 'node');
    const typescript = path.join(repositoryRoot, 'node_modules', '.bin', 'tsc');
    await expect(run(typescript, [...options, ...files], { cwd: repositoryRoot, timeout: evalTimeoutMs })).resolves.toMatchObject({ stdout: '' });
  });
});

describe('agent examples evaluated by agentlab eval on sim:strong', () => {
  it('openai-module: a module on the plain openai client', { timeout: evalTimeoutMs }, async () => {
    const dataset = 'examples/agents/openai-module/cases.jsonl';
    const report = await evaluateExample(dataset, 'module:examples/agents/openai-module/agent.ts', 'openai-module');
    await expectEveryCasePassed(report, dataset);
  });

  it('vercel-ai-module: a module on the Vercel AI SDK', { timeout: evalTimeoutMs }, async () => {
    const dataset = 'examples/agents/vercel-ai-module/cases.jsonl';
    const report = await evaluateExample(dataset, 'module:examples/agents/vercel-ai-module/agent.ts', 'vercel-ai-module');
    await expectEveryCasePassed(report, dataset);
  });

  it('python-stdlib: a command in Python, whose OTLP tool spans mark a failed read as failed', { timeout: evalTimeoutMs }, async () => {
    const dataset = 'examples/agents/python-stdlib/cases.jsonl';
    const report = await evaluateExample(dataset, 'command:python3 examples/agents/python-stdlib/agent.py', 'python-stdlib');
    await expectEveryCasePassed(report, dataset);
    // The proxy alone would count the read of a missing file as done; the agent's span says it failed.
    const missingFile = report.results.find((result) => result.caseId === 'read-missing-file');
    expect(missingFile?.toolsCalled).toEqual([]);
    expect(missingFile?.toolCalls).toBe(1);
  });

  it('http-server: an agent served over HTTP', { timeout: evalTimeoutMs }, async () => {
    const dataset = 'examples/agents/http-server/cases.jsonl';
    const report = await evaluateExample(dataset, `http:${httpServerUrl}`, 'http-server');
    await expectEveryCasePassed(report, dataset);
  });
});
