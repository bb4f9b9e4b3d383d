// @ts-check
// A tool-using agent served over HTTP, as an http target:
//   node examples/agents/http-server/server.mjs 8000
//   agentlab eval examples/agents/http-server/cases.jsonl --agents http:http://127.0.0.1:8000/run
// agentlab POSTs each case to /run as {goal, case_id, epoch, seed, model: {base_url, api_key, model}}
// with a `traceparent` header and reads the answer from the response's `output`. The model it names
// is agentlab's recording proxy for that case, so the server keeps no model configuration of its own.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { evaluate, format } from 'mathjs';
import OpenAI from 'openai';

const defaultPort = 8000;
const maxModelCalls = 8;
const maxBodyBytes = 1_000_000;

const facts = [
  'Mount Everest is 8,849 metres (29,032 ft) tall, the highest mountain above sea level.',
  'The speed of light in vacuum is exactly 299,792,458 metres per second.',
  'Python was created by Guido van Rossum and first released in 1991.',
  'The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall.',
  'Water boils at 100 °C (212 °F) at sea level.',
];

/** @param {string} text */
const words = (text) => new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);

/** @type {Record<string, (input: Record<string, unknown>) => string>} */
const toolFunctions = {
  search_web: ({ query }) => {
    const wanted = [...words(String(query))].filter((word) => !['the', 'what', 'who', 'how', 'and', 'for'].includes(word));
    const ranked = facts.map((fact) => ({ fact, score: wanted.filter((word) => words(fact).has(word)).length })).sort((a, b) => b.score - a.score);
    return ranked[0] && ranked[0].score > 0 ? ranked[0].fact : `No results for "${query}".`;
  },
  calculator: ({ expression }) => format(evaluate(String(expression)), { precision: 14, upperExp: 21 }),
};

/** @param {string} name @param {string} description @param {string} parameter @returns {OpenAI.ChatCompletionTool} */
const toolSchema = (name, description, parameter) => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties: { [parameter]: { type: 'string' } }, required: [parameter] } },
});
const tools = [toolSchema('search_web', 'Search the web for a fact', 'query'), toolSchema('calculator', 'Evaluate arithmetic such as 17 * 23', 'expression')];

/** Runs one tool; a failure is returned to the model as text starting with "Error", never thrown. @param {string} name @param {string} argumentsText */
function runTool(name, argumentsText) {
  const run = toolFunctions[name];
  if (!run) return `Error: there is no tool named ${name}`;
  try {
    return run(JSON.parse(argumentsText));
  } catch (error) {
    return `Error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The agent: a tool loop on the model the request names.
 * @param {{ goal: string, seed?: number, model: { base_url: string, api_key: string, model: string } }} task
 * @param {{ traceparent?: string, signal: AbortSignal }} options
 */
async function runAgent(task, options) {
  // The traceparent goes on to the model calls, so they join the case's trace.
  const client = new OpenAI({ baseURL: task.model.base_url, apiKey: task.model.api_key, defaultHeaders: options.traceparent ? { traceparent: options.traceparent } : {} });
  /** @type {OpenAI.ChatCompletionMessageParam[]} */
  const messages = [
    { role: 'system', content: 'You are a careful assistant. Use the tools for facts and arithmetic; answer briefly.' },
    { role: 'user', content: task.goal },
  ];
  for (let call = 0; call < maxModelCalls; call++) {
    const completion = await client.chat.completions.create({ model: task.model.model, messages, tools, ...(task.seed === undefined ? {} : { seed: task.seed }) }, { signal: options.signal });
    const message = completion.choices[0]?.message;
    if (!message) throw new Error('the model returned no choice');
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const toolCall of message.tool_calls) {
      if (toolCall.type === 'function') messages.push({ role: 'tool', tool_call_id: toolCall.id, content: runTool(toolCall.function.name, toolCall.function.arguments) });
    }
  }
  return `Stopped after ${maxModelCalls} model calls without an answer.`;
}

/** @param {http.ServerResponse} response @param {number} status @param {unknown} body */
function sendJson(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** @param {http.IncomingMessage} request @returns {Promise<unknown>} */
async function readJson(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > maxBodyBytes) throw new Error('the body is too large');
  }
  return JSON.parse(text);
}

/** @param {unknown} body */
function isTask(body) {
  const task = /** @type {any} */ (body);
  return typeof task?.goal === 'string' && typeof task?.model?.base_url === 'string' && typeof task?.model?.api_key === 'string' && typeof task?.model?.model === 'string';
}

export function createAgentServer() {
  return http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname !== '/run') return sendJson(response, 404, { error: `no route ${url.pathname}; POST /run` });
    if (request.method !== 'POST') return response.writeHead(405, { allow: 'POST' }).end();
    let body;
    try {
      body = await readJson(request);
    } catch (error) {
      return sendJson(response, 400, { error: `the body is not JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (!isTask(body)) return sendJson(response, 400, { error: 'expected {goal, model: {base_url, api_key, model}}' });
    // A caller that gives up (agentlab's case timeout) stops the loop and its model call.
    const stop = new AbortController();
    response.on('close', () => stop.abort());
    try {
      const output = await runAgent(/** @type {any} */ (body), { traceparent: request.headers.traceparent?.toString(), signal: stop.signal });
      sendJson(response, 200, { output });
    } catch (error) {
      if (!response.headersSent && !stop.signal.aborted) sendJson(response, 502, { error: `the agent failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? defaultPort);
  const server = createAgentServer();
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`agent listening at http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/run`);
  });
  const close = () => server.close(() => process.exit(0));
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
}
