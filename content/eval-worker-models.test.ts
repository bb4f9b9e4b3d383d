// The content pipeline in `agentlab eval` with a model per worker: variants of the module target side by
// side in one run, each call through the case's recording proxy on the worker's own model and priced at
// it, the cost per worker in the case's metadata; and the workers' retries of transient model errors.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../eval/index.js';
import { ModelProvider } from '../models/index.js';
import { openStore, type CaseResultRecord } from '../store/index.js';

interface Account {
  model: string;
  modelCalls: number;
  costUsd: number;
}

let directory: string;
let dataset: string;
const agentModule = fileURLToPath(new URL('./eval-agent.ts', import.meta.url));

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-eval-'));
  dataset = path.join(directory, 'topics.jsonl');
  await writeFile(dataset, `${JSON.stringify({ id: 'speed-of-light', goal: 'The speed of light for high school physics', expected_output_contains: ['299,792,458'] })}\n`);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Each result's case metadata and the models its proxied chat calls went to, from the run's store. */
function recorded(storePath: string, results: readonly CaseResultRecord[]) {
  const store = openStore(storePath);
  try {
    return Object.fromEntries(
      results.map((result) => {
        const spans = store.spans(result.traceId!);
        const root = spans.find((span) => span.name === `invoke_agent ${result.agent}`)!;
        const metadata = JSON.parse(String(root.attributes['agentlab.agent.metadata'])) as { workers: Record<string, Account>; costUsd: number };
        const chats = spans.filter((span) => span.name.startsWith('chat '));
        const tools = spans.filter((span) => span.name.startsWith('execute_tool '));
        const workerCosts = Object.fromEntries(spans.filter((span) => span.name.startsWith('invoke_agent ') && span !== root).map((span) => [span.name.slice('invoke_agent '.length), span.attributes['gen_ai.usage.cost']]));
        return [result.agent.replace(/^.*#/, '#'), { result, metadata, chatModels: chats.map((span) => span.attributes['gen_ai.request.model']), toolSpans: tools.length, workerCosts }];
      }),
    );
  } finally {
    store.close();
  }
}

describe('the content eval target with worker-model choices', () => {
  it('runs the variants side by side, each worker on its model through the proxy, priced per call', async () => {
    const storePath = path.join(directory, 'variants.db');
    const agents = [`module:${agentModule}`, `module:${agentModule}#weakWriter`, `module:${agentModule}#seedDefaults`];
    const { report } = await evaluate({ dataset, agents, models: ['sim:strong'], epochs: 1, latency: 'zero', store: storePath, gitCommit: false, config: {} });
    expect(report.results!.map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
    const runs = recorded(storePath, report.results!);
    const modelsOf = (variant: string) => Object.fromEntries(Object.entries(runs[variant]!.metadata.workers).map(([worker, account]) => [worker, account.model]));

    expect(modelsOf('module:' + agentModule)).toEqual({ supervisor: 'sim:strong', researcher: 'sim:strong', writer: 'sim:strong', 'fact-checker': 'sim:strong', formatter: 'sim:strong' });
    expect(modelsOf('#weakWriter')).toEqual({ supervisor: 'sim:strong', researcher: 'sim:strong', writer: 'sim:weak', 'fact-checker': 'sim:strong', formatter: 'sim:strong' });
    expect(modelsOf('#seedDefaults')).toEqual({ supervisor: 'sim:weak', researcher: 'sim:strong', writer: 'sim:strong', 'fact-checker': 'sim:strong', formatter: 'sim:weak' });

    const allStrong = runs['module:' + agentModule]!;
    const weakWriter = runs['#weakWriter']!;
    // The writer's one call costs about a seventeenth on sim:weak.
    expect(weakWriter.metadata.workers.writer!.costUsd).toBeLessThan(allStrong.metadata.workers.writer!.costUsd / 10);
    for (const { result, metadata, chatModels, toolSpans, workerCosts } of Object.values(runs)) {
      // Every worker's call went through the proxy, to the model of the worker that made it, and is
      // in the trace once: the proxy's chat and tool spans, not the pipeline's own as well…
      const calls = Object.values(metadata.workers).reduce((total, account) => total + account.modelCalls, 0);
      expect(result.modelCalls).toBe(calls);
      expect(chatModels).toHaveLength(calls);
      expect(toolSpans).toBe(result.toolCalls);
      expect(chatModels.filter((model) => model === 'weak')).toHaveLength(Object.values(metadata.workers).filter((account) => account.model === 'sim:weak').reduce((total, account) => total + account.modelCalls, 0));
      // …and the case's cost is each call at its own model's prices: the sum of the workers' costs.
      expect(result.costUsd).toBeCloseTo(metadata.costUsd, 9);
      // …and each worker's span in the trace carries its cost; the piece's, over several models, none.
      for (const worker of ['researcher', 'writer', 'fact-checker', 'formatter']) expect(workerCosts[worker]).toBeCloseTo(metadata.workers[worker]!.costUsd, 9);
      expect(workerCosts.content).toBeUndefined();
    }
    expect(allStrong.chatModels.every((model) => model === 'strong')).toBe(true);
    expect(runs['#seedDefaults']!.result.costUsd).toBeLessThan(allStrong.result.costUsd!);
  });

  it('retries a worker’s model call that met a transient error, as the built-in agents do', async () => {
    // An endpoint in front of the simulator that fails every first try with a 503 (Retry-After 1 ms).
    const simulator = new ModelProvider({ latency: 'zero', env: {} });
    const upstream = (await simulator.open('sim:strong')).baseURL.replace(/\/$/, '');
    let refused = 0;
    const server: Server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const retryCount = String(request.headers['x-stainless-retry-count'] ?? '0');
      if (request.url!.endsWith('/chat/completions') && retryCount === '0') {
        refused += 1;
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after-ms': '1' });
        response.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
        return;
      }
      const answer = await fetch(`${upstream}${request.url!.replace(/^\/v1/, '')}`, { method: request.method!, headers: { 'content-type': 'application/json', 'x-stainless-retry-count': retryCount }, body: Buffer.concat(chunks) });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const config = { models: { flaky: { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'strong' } } };
      const { report } = await evaluate({ dataset, agents: [`module:${agentModule}#weakWriter`], models: ['flaky'], epochs: 1, latency: 'zero', store: path.join(directory, 'flaky.db'), gitCommit: false, config });
      const [result] = report.results!;
      expect(result!.status).toBe('pass');
      // Every call on the flaky endpoint failed once and was tried again; the writer's, on sim:weak, went straight through.
      expect(refused).toBeGreaterThanOrEqual(8);
      expect(result!.modelCalls).toBe(2 * refused + 1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulator.close();
    }
  });
});
