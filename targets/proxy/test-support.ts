// Shared set-up for the proxy's tests: the real simulator behind a real proxy, the real `openai`
// client as the agent, a ReAct-style tool loop for it to run, and a scripted endpoint for the
// statuses and headers the simulator does not produce on demand.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { ModelProvider, type ModelHandle } from '../../models/index.js';
import type { ProxySession } from './index.js';

export const goal = 'Search for the boiling point of water and calculate 17 * 23';

export const tools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'search_web', description: 'Search the web', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } },
  { type: 'function', function: { name: 'calculator', description: 'Evaluate arithmetic', parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] } } },
];

export const searchResult = 'Water boils at 100 °C (212 °F) at sea level.';

/** The agent's tools: a fixed search hit and products of whole numbers. */
export function runTool(name: string, argumentsText: string): string {
  const parsed = JSON.parse(argumentsText) as { query?: string; expression?: string };
  if (name === 'search_web') return searchResult;
  if (name === 'calculator') return String(parsed.expression!.split('*').reduce((product, factor) => product * Number(factor), 1));
  return `Error: unknown tool ${name}`;
}

export async function openSimModel(): Promise<{ provider: ModelProvider; model: ModelHandle }> {
  const provider = new ModelProvider({ latency: 'zero', env: {} });
  return { provider, model: await provider.open('sim:oracle') };
}

/** The agent's client: what a user's agent makes from the base URL and key it is given. */
export function agentClient(session: Pick<ProxySession, 'baseURL' | 'apiKey'>): OpenAI {
  return new OpenAI({ baseURL: session.baseURL, apiKey: session.apiKey, maxRetries: 0, timeout: 10_000 });
}

export interface LoopResult {
  answer: string;
  /** Whether any streamed chunk carried usage, or had no choices. */
  sawUsageChunk: boolean;
}

/** A ReAct loop as a user would write it: call the model, run the tools it asks for, send the results back. */
export async function runToolLoop(client: OpenAI, options: { stream: boolean; model?: string; includeUsage?: boolean }): Promise<LoopResult> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a helpful agent. Use the tools.' },
    { role: 'user', content: goal },
  ];
  let sawUsageChunk = false;
  for (let turn = 0; turn < 8; turn += 1) {
    const request = { model: options.model ?? 'gpt-4o', messages, tools };
    let content: string | null = null;
    let toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
    if (options.stream) {
      const stream = await client.chat.completions.create({ ...request, stream: true, ...(options.includeUsage ? { stream_options: { include_usage: true } } : {}) });
      for await (const chunk of stream) {
        if (chunk.usage || chunk.choices.length === 0) sawUsageChunk = true;
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) content = (content ?? '') + delta.content;
        for (const call of delta?.tool_calls ?? []) {
          const known = (toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
          if (call.id) known.id = call.id;
          if (call.function?.name) known.name = call.function.name;
          if (call.function?.arguments) known.arguments += call.function.arguments;
        }
      }
    } else {
      const message = (await client.chat.completions.create(request)).choices[0]!.message;
      content = message.content;
      toolCalls = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : []));
    }
    if (toolCalls.length === 0) return { answer: content ?? '', sawUsageChunk };
    messages.push({ role: 'assistant', content, tool_calls: toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) });
    for (const call of toolCalls) messages.push({ role: 'tool', tool_call_id: call.id, content: runTool(call.name, call.arguments) });
  }
  throw new Error('the model did not answer within 8 turns');
}

export interface ScriptedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedEndpoint {
  baseURL: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

/** An endpoint answering with `reply`, keeping every request it got. */
export async function startScriptedEndpoint(reply: (request: ScriptedRequest, response: ServerResponse) => void): Promise<ScriptedEndpoint> {
  const requests: ScriptedRequest[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      reply(received, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A handle for a custom endpoint, as the model factory opens one from the config file. */
export function handleFor(baseURL: string, apiKey = 'sk-real-key'): ModelHandle {
  const url = new URL(baseURL);
  return {
    reference: 'scripted',
    provider: 'openai',
    model: 'gpt-4o-mini',
    client: new OpenAI({ apiKey, baseURL, maxRetries: 0 }),
    baseURL,
    serverAddress: url.hostname,
    serverPort: Number(url.port),
    prices: { input: 0.15, output: 0.6 },
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
