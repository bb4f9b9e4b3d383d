// The chat request `agentlab eval` sends for a reply case, captured from a real eval process: a
// one-case eval runs against a forwarder on loopback that records each request body and passes it
// on to the simulator. The bare loop then replays exactly that body with each case's goal, so both
// sides send the same requests (messages, tools, tool_choice, temperature, no streaming).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { agentlabCommand, runMeasuredProcess } from '../processes/index.js';
import { replyCases, replyDatasetJsonl } from '../workloads/index.js';
import { EVAL_TIMEOUT_MS, SIM_API_KEY, SIM_MODEL } from '../versus-promptfoo/constants.js';

export interface CapturedEvalRequest {
  /** The JSON body of the chat completion request, as the react agent sent it. */
  body: { messages: Array<{ role: string; content?: unknown }>; stream?: boolean; [key: string]: unknown };
  /** The goal the capture ran on: the user message the bare loop replaces with each case's goal. */
  goal: string;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Runs a one-case `agentlab eval` through a recording forwarder to the simulator at `simBaseURL`. */
export async function captureEvalRequest(simBaseURL: string): Promise<CapturedEvalRequest> {
  const bodies: Buffer[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      if (request.method === 'POST' && request.url?.endsWith('/chat/completions')) bodies.push(body);
      const upstream = await fetch(new URL(`${simBaseURL}${request.url?.replace(/^\/v1/, '') ?? ''}`), {
        method: request.method ?? 'GET',
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        ...(body.length > 0 ? { body } : {}),
      });
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch((error: unknown) => {
      response.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const directory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-capture-'));
  try {
    const [replyCase] = replyCases(1);
    const datasetPath = path.join(directory, 'one-case.jsonl');
    await writeFile(datasetPath, replyDatasetJsonl([replyCase!]));
    const reportPath = path.join(directory, 'report.json');
    const { port } = server.address() as AddressInfo;
    const args = [...agentlabCommand.args, 'eval', datasetPath, '--models', `openai:${SIM_MODEL}`, '--agents', 'react', '--epochs', '1'];
    args.push('--store', path.join(directory, 'agentlab.db'), '--json', reportPath, '-q');
    const environment = { ...process.env, OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_API_KEY: SIM_API_KEY };
    const measurement = await runMeasuredProcess(agentlabCommand.command, args, { cwd: directory, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
    if (measurement.exitCode !== 0) throw new Error(`capturing the eval's request: agentlab eval exited ${String(measurement.exitCode)}: ${measurement.stderr}`);
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as { overall: { passed: number } };
    if (report.overall.passed !== 1 || bodies.length !== 1) {
      throw new Error(`capturing the eval's request: expected one passed case in one model call, got ${report.overall.passed} passed in ${bodies.length} calls`);
    }
    const body = JSON.parse(bodies[0]!.toString('utf8')) as CapturedEvalRequest['body'];
    if (body.stream) throw new Error('capturing the eval\'s request: the agent streamed; the bare loop sends non-streaming calls');
    if (!body.messages.some((message) => message.role === 'user' && message.content === replyCase!.goal)) {
      throw new Error(`capturing the eval's request: no user message ${JSON.stringify(replyCase!.goal)} in ${JSON.stringify(body.messages)}`);
    }
    return { body, goal: replyCase!.goal };
  } finally {
    server.close();
    await rm(directory, { recursive: true, force: true });
  }
}
