// Runs one instrumented stack end to end: the simulator serving a priced model id, agentlab's report
// app with its OTLP receiver over a temporary store, and the stack's driver in a child process of
// its own (each stack registers global OTel state and patches modules). What comes back is what the
// receiver stored, for tests and the dump script to read; the app stays up until close().
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { builtInProfiles, startSimServer } from '../../models/index.js';
import { buildApp } from '../../reports/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { SpanRecord } from '../index.js';
import { defaultModel, driverTimeoutMs, listedTracesLimit, modelUrlVariable, modelVariable, otlpEndpointVariable, simulatorProfile } from './constants.js';
import type { StackName } from './constants.js';

export interface StackRunOptions {
  /** The model id the simulator serves its oracle profile under; a priced one by default. */
  model?: string;
  /** How long the driver may run before it is killed; driverTimeoutMs by default. */
  timeoutMs?: number;
}

export interface StackRun {
  stack: StackName;
  model: string;
  /** Every trace the receiver stored spans of, oldest first. */
  traceIds: string[];
  /** The stored spans of those traces, each trace by start time. */
  spans: SpanRecord[];
  /** What the driver printed: its final answer on stdout. */
  stdout: string;
  stderr: string;
  /** The report app that received the spans, for page and API assertions (`app.inject`). */
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

const stacksFolder = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.join(stacksFolder, '..', '..', 'node_modules', '.bin', 'tsx');

/** The parent's variables minus any that would send a stack's spans or model calls elsewhere. */
function driverEnvironment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|TRACELOOP_|OPENAI_|npm_package_)/.test(name)) environment[name] = value;
  }
  return { ...environment, ...variables };
}

interface DriverOutput {
  stdout: string;
  stderr: string;
}

function runDriver(stack: StackName, environment: NodeJS.ProcessEnv, timeoutMs: number): Promise<DriverOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(stacksFolder, `${stack}.ts`)], { cwd: stacksFolder, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`the ${stack} driver did not start: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`the ${stack} driver ${signal ? `was killed (${signal}) after ${timeoutMs} ms` : `exited with ${code}`}:\n${stderr || stdout}`));
    });
  });
}

export async function runStack(stack: StackName, options: StackRunOptions = {}): Promise<StackRun> {
  const model = options.model ?? defaultModel;
  const simulator = await startSimServer({ latency: 'zero', profiles: { [model]: builtInProfiles[simulatorProfile]! } });
  const folder = await mkdtemp(path.join(tmpdir(), `agentlab-stack-${stack}-`));
  const store = openStore(path.join(folder, 'agentlab.db'));
  const app = buildApp({ store });
  const close = async () => {
    await app.close();
    await simulator.close();
    store.close();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const otlpEndpoint = await app.listen({ host: '127.0.0.1', port: 0 });
    const environment = driverEnvironment({ [modelUrlVariable]: simulator.baseURL, [otlpEndpointVariable]: otlpEndpoint, [modelVariable]: model });
    const output = await runDriver(stack, environment, options.timeoutMs ?? driverTimeoutMs);
    // The store is this run's alone, so every trace it lists came from the driver.
    const traceIds = store.traces({ limit: listedTracesLimit }).map((trace) => trace.traceId).reverse();
    return { stack, model, traceIds, spans: traceIds.flatMap((traceId) => store.spans(traceId)), ...output, app, store, close };
  } catch (error) {
    await close();
    throw error;
  }
}
