// Users' agents evaluated end to end through evaluate(): a module and a command on the simulator,
// behind the real recording proxy, scored on their trajectories; and every way one can go wrong.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type EvaluateOptions } from '../eval/index.js';
import { openStore } from '../store/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dataset = path.join(fixtures, 'cases.jsonl');
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-targets-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function run(options: EvaluateOptions) {
  return evaluate({ dataset, models: ['sim:oracle'], epochs: 1, latency: 'zero', store: path.join(directory, `${Math.random()}.db`), cwd: fixtures, gitCommit: false, config: {}, env: { PATH: process.env.PATH }, ...options });
}

function resultOf(report: Awaited<ReturnType<typeof run>>['report'], caseId: string) {
  const result = report.results?.find((each) => each.caseId === caseId);
  if (!result) throw new Error(`no result for ${caseId}`);
  return result;
}

describe('module targets', () => {
  it('evaluates a TypeScript module: trajectory from the proxy and context.tool, checks, cost and trace', async () => {
    const storePath = path.join(directory, 'module.db');
    const { report, passed } = await run({ agents: ['module:tool-loop-agent.ts'], store: storePath });
    expect(Object.fromEntries(report.results!.map((result) => [result.caseId, result.status]))).toEqual({ 'search-and-calc': 'pass', calc: 'pass' });
    expect(passed).toBe(true);
    const searched = resultOf(report, 'search-and-calc');
    expect(searched.agent).toBe('module:tool-loop-agent.ts');
    expect(searched.toolsCalled).toEqual(['search_web', 'calculator', 'note']);
    expect(searched.modelCalls).toBe(3);
    expect(searched.inputTokens).toBeGreaterThan(0);
    expect(searched.costUsd).toBeGreaterThan(0);
    expect(searched.traceId).toMatch(/^[0-9a-f]{32}$/);
    const store = openStore(storePath);
    try {
      const spans = store.spans(searched.traceId!);
      const names = spans.map((span) => span.name);
      expect(names).toContain('invoke_agent module:tool-loop-agent.ts');
      const root = spans.find((span) => span.name === 'invoke_agent module:tool-loop-agent.ts')!;
      expect(spans.find((span) => span.name === 'plan the answer')?.parentSpanId).toBe(root.spanId);
      expect(names.filter((name) => name.startsWith('chat '))).toHaveLength(3);
      expect(names).toContain('execute_tool calculator');
      expect(names.filter((name) => name === 'execute_tool search_web')).toHaveLength(1);
      expect(names).toContain('execute_tool note');
    } finally {
      store.close();
    }
  });

  it('runs a named export, and checks the export before any case runs', async () => {
    const { report } = await run({ agents: ['module:tool-loop-agent.ts#plain'], filter: 'calc' });
    expect(resultOf(report, 'calc').output).toBe('You asked: Calculate 12 * 12');
    await expect(run({ agents: ['module:tool-loop-agent.ts#notAFunction'] })).rejects.toMatchObject({
      code: 'AGENTLAB_AGENT_MODULE_INVALID',
      message: expect.stringMatching(/exports "notAFunction" as a number.*it exports: .*default \(function\).*plain \(function\)/),
    });
    await expect(run({ agents: ['broken'], config: { agents: { broken: { module: 'tool-loop-agent.ts', export: 'notAFunction' } } } })).rejects.toMatchObject({
      message: expect.stringContaining('agent module broken (tool-loop-agent.ts) exports "notAFunction" as a number'),
    });
    await expect(run({ agents: ['module:no-such-agent.ts'] })).rejects.toMatchObject({ code: 'AGENTLAB_AGENT_MODULE_INVALID', message: expect.stringContaining('does not exist') });
  });
});

describe('command targets', () => {
  it('evaluates a program in another process, its trajectory captured by the proxy alone', async () => {
    const { report } = await run({ agents: ['command:node command-agent.mjs'], filter: 'calc' });
    const result = resultOf(report, 'calc');
    expect(result.status).toBe('pass');
    expect(result.toolsCalled).toEqual(['calculator']);
    expect(result.output).toContain('144');
  });

  it('counts a tool result the agent sent as "Error: …" as a failed call', async () => {
    const failing = path.join(directory, 'failing.jsonl');
    await writeFile(failing, '{"id": "add", "goal": "Calculate 2 + 2", "expected_tools": ["calculator"]}\n');
    const { report } = await run({ dataset: failing, agents: [`command:node ${path.join(fixtures, 'command-agent.mjs')}`] });
    const result = resultOf(report, 'add');
    expect(result.toolsCalled).toEqual([]);
    expect(result.status).toBe('fail');
    expect(result.checks.find((check) => check.check === 'tools')?.passed).toBe(false);
  });

  it('reads a JSON last line, and passes config env to the command', async () => {
    const { report } = await run({ agents: ['json-agent'], filter: 'calc', config: { agents: { 'json-agent': { command: 'node command-agent.mjs', env: { AGENT_MODE: 'json' } } } } });
    expect(resultOf(report, 'calc')).toMatchObject({ agent: 'json-agent', status: 'pass', output: expect.stringContaining('144') });
  });

  it('makes a crash an error with the exit code and stderr, and an empty answer a failure, and goes on', async () => {
    const config = { agents: { crashing: { command: 'node command-agent.mjs', env: { AGENT_MODE: 'crash' } }, silent: { command: 'node command-agent.mjs', env: { AGENT_MODE: 'silent' } } } };
    const { report } = await run({ agents: ['crashing', 'silent'], config });
    const crashed = report.results!.filter((result) => result.agent === 'crashing');
    expect(crashed.map((result) => result.status)).toEqual(['error', 'error']);
    expect(crashed.find((result) => result.caseId === 'calc')!.error).toEqual({ code: 'agent_exit', message: 'node command-agent.mjs exited with code 3; stderr: cannot handle case calc: something broke' });
    const silent = report.results!.filter((result) => result.agent === 'silent');
    expect(silent.map((result) => result.status)).toEqual(['fail', 'fail']);
    expect(silent[0]!.checks).toContainEqual({ check: 'answer', passed: false, reason: 'the agent returned an empty answer' });
  });

  it('kills the whole process group of a case that times out', async () => {
    const pidFile = path.join(directory, 'grandchild.pid');
    const config = { agents: { hanging: { command: 'node command-agent.mjs', env: { AGENT_MODE: 'hang', AGENT_PID_FILE: pidFile }, timeout: 1_000 } } };
    const { report } = await run({ agents: ['hanging'], filter: 'calc', config });
    expect(resultOf(report, 'calc')).toMatchObject({ status: 'error', error: { code: 'case_timeout' } });
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    // Killed with its group: gone, or a zombie waiting for init to reap it.
    const alive = async () => {
      try {
        process.kill(grandchild, 0);
      } catch {
        return false;
      }
      const stat = await readFile(`/proc/${grandchild}/stat`, 'utf8').catch(() => '');
      return !/^\d+ \(.*\) Z/.test(stat);
    };
    for (let tries = 0; tries < 50 && (await alive()); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await alive()).toBe(false);
  });

  it('refuses a program that does not exist before any case runs', async () => {
    await expect(run({ agents: ['command:pyhton3 agent.py'] })).rejects.toMatchObject({ code: 'AGENTLAB_AGENT_COMMAND_INVALID', message: expect.stringContaining('"pyhton3" was not found on PATH') });
  });
});

describe('http targets', () => {
  let server: Server;
  let url: string;
  const received: Array<{ body: Record<string, unknown>; traceparent: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', async () => {
        if (request.method !== 'POST') return response.writeHead(405).end();
        const body = JSON.parse(text) as { goal: string; model: { base_url: string; api_key: string; model: string } };
        received.push({ body, traceparent: request.headers.traceparent as string | undefined });
        // One model call through the proxy, with the key the request carried.
        const reply = await fetch(`${body.model.base_url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${body.model.api_key}` },
          body: JSON.stringify({ model: body.model.model, messages: [{ role: 'user', content: 'Reply with "pong"' }] }),
        });
        const answer = ((await reply.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body.goal.includes('12') ? { data: { answer } } : { output: answer }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/run`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the case with its model and trace context, and reads the answer at the configured path', async () => {
    const { report } = await run({ agents: ['served'], filter: 'calc', config: { agents: { served: { http: url, responsePath: 'data.answer' } } } });
    const result = resultOf(report, 'calc');
    expect(result.output).toBe('pong');
    expect(result.modelCalls).toBe(1);
    const last = received.at(-1)!;
    expect(last.body).toMatchObject({ goal: 'Calculate 12 * 12', case_id: 'calc', epoch: 1, model: { model: 'oracle' } });
    expect(last.traceparent).toMatch(new RegExp(`^00-${result.traceId}-[0-9a-f]{16}-01$`));
  });

  it('makes a response without the answer an error, naming what is missing', async () => {
    const { report } = await run({ agents: [`http:${url}`], filter: 'calc' });
    expect(resultOf(report, 'calc')).toMatchObject({ status: 'error', error: { code: 'agent_bad_answer', message: expect.stringContaining('set responsePath') } });
  });

  it('refuses a URL where nothing listens before any case runs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(run({ agents: [`http:http://127.0.0.1:${port}/run`] })).rejects.toMatchObject({ code: 'AGENTLAB_AGENT_UNREACHABLE', message: expect.stringContaining(`http://127.0.0.1:${port}/run refused the connection`) });
  });
});
