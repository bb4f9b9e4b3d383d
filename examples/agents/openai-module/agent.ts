// A tool-using agent on the plain openai client, as a module target:
//   agentlab eval examples/agents/openai-module/cases.jsonl --agents module:examples/agents/openai-module/agent.ts
// context.openai already points at agentlab's recording proxy, so every model call and tool call
// this loop makes lands in the case's trajectory without any instrumentation here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineAgent } from 'agentlab';
import { evaluate, format } from 'mathjs';
import type OpenAI from 'openai';

const maxModelCalls = 8;

const facts = [
  'Mount Everest is 8,849 metres (29,032 ft) tall, the highest mountain above sea level.',
  'The speed of light in vacuum is exactly 299,792,458 metres per second.',
  'Python was created by Guido van Rossum and first released in 1991.',
  'The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall.',
  'Water boils at 100 °C (212 °F) at sea level.',
];

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);

function searchWeb(query: string): string {
  const wanted = [...words(query)].filter((word) => !['the', 'what', 'who', 'how', 'and', 'for'].includes(word));
  const ranked = facts.map((fact) => ({ fact, score: wanted.filter((word) => words(fact).has(word)).length })).sort((a, b) => b.score - a.score);
  return ranked[0]!.score > 0 ? ranked[0]!.fact : `No results for "${query}".`;
}

async function readSandboxFile(sandbox: string, file: string): Promise<string> {
  const target = path.resolve(sandbox, file);
  if (path.relative(sandbox, target).startsWith('..')) return `Error: ${file} is outside the sandbox`;
  return readFile(target, 'utf8').catch(() => `Error: ${file} does not exist`);
}

const parameters = (name: string) => ({ type: 'object', properties: { [name]: { type: 'string' } }, required: [name] });
const tools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'search_web', description: 'Search the web for a fact', parameters: parameters('query') } },
  { type: 'function', function: { name: 'calculator', description: 'Evaluate arithmetic such as 17 * 23', parameters: parameters('expression') } },
  { type: 'function', function: { name: 'read_file', description: 'Read a text file in the working folder', parameters: parameters('path') } },
];

/** Runs one tool; a failure is returned to the model as text starting with "Error", never thrown. */
async function runTool(name: string, argumentsText: string, sandbox: string): Promise<string> {
  try {
    const input = JSON.parse(argumentsText) as Record<string, string>;
    if (name === 'search_web') return searchWeb(String(input.query));
    if (name === 'calculator') return format(evaluate(String(input.expression)), { precision: 14, upperExp: 21 });
    if (name === 'read_file') return await readSandboxFile(sandbox, String(input.path));
    return `Error: there is no tool named ${name}`;
  } catch (error) {
    return `Error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export default defineAgent(async (goal, context) => {
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a careful assistant. Use the tools for facts, arithmetic and files; answer briefly.' },
    { role: 'user', content: goal },
  ];
  for (let call = 0; call < maxModelCalls; call++) {
    const completion = await context.openai.chat.completions.create({ model: context.model.model, messages, tools, seed: context.seed }, { signal: context.signal });
    const message = completion.choices[0]!.message;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const toolCall of message.tool_calls) {
      if (toolCall.type !== 'function') continue;
      const result = await runTool(toolCall.function.name, toolCall.function.arguments, context.sandbox);
      messages.push({ role: 'tool', tool_call_id: toolCall.id, content: result });
    }
  }
  return { output: `Stopped after ${maxModelCalls} model calls without an answer.`, metadata: { stopped: 'max_model_calls' } };
});
