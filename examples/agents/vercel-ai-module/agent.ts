// A tool-using agent on the Vercel AI SDK, as a module target:
//   agentlab eval examples/agents/vercel-ai-module/cases.jsonl --agents module:examples/agents/vercel-ai-module/agent.ts
// The SDK talks to agentlab's per-case model proxy through the OpenAI-compatible provider, so the
// proxy records its model calls and the tool calls it runs, with nothing added to the agent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, tool } from 'ai';
import { defineAgent } from 'agentlab';
import { evaluate, format } from 'mathjs';
import { z } from 'zod';

const maxSteps = 8;

const facts = [
  'Mount Everest is 8,849 metres (29,032 ft) tall, the highest mountain above sea level.',
  'The speed of light in vacuum is exactly 299,792,458 metres per second.',
  'Python was created by Guido van Rossum and first released in 1991.',
  'The Eiffel Tower in Paris was completed in 1889 and is 330 metres tall.',
  'Water boils at 100 °C (212 °F) at sea level.',
];

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);

/** The agent's tools. A failure is returned to the model as text starting with "Error", never thrown. */
function toolsFor(sandbox: string) {
  return {
    search_web: tool({
      description: 'Search the web for a fact',
      inputSchema: z.object({ query: z.string() }),
      execute: async ({ query }) => {
        const wanted = [...words(query)].filter((word) => !['the', 'what', 'who', 'how', 'and', 'for'].includes(word));
        const ranked = facts.map((fact) => ({ fact, score: wanted.filter((word) => words(fact).has(word)).length })).sort((a, b) => b.score - a.score);
        return ranked[0]!.score > 0 ? ranked[0]!.fact : `No results for "${query}".`;
      },
    }),
    calculator: tool({
      description: 'Evaluate arithmetic such as 17 * 23',
      inputSchema: z.object({ expression: z.string() }),
      execute: async ({ expression }) => {
        try {
          return format(evaluate(expression), { precision: 14, upperExp: 21 });
        } catch (error) {
          return `Error: ${error instanceof Error ? error.message : String(error)}`;
        }
      },
    }),
    read_file: tool({
      description: 'Read a text file in the working folder',
      inputSchema: z.object({ path: z.string() }),
      execute: async ({ path: file }) => {
        const target = path.resolve(sandbox, file);
        if (path.relative(sandbox, target).startsWith('..')) return `Error: ${file} is outside the sandbox`;
        return readFile(target, 'utf8').catch(() => `Error: ${file} does not exist`);
      },
    }),
  };
}

export default defineAgent(async (goal, context) => {
  const provider = createOpenAICompatible({ name: 'agentlab-proxy', baseURL: context.model.baseURL, apiKey: context.model.apiKey });
  const result = await generateText({
    model: provider.chatModel(context.model.model),
    system: 'You are a careful assistant. Use the tools for facts, arithmetic and files; answer briefly.',
    prompt: goal,
    tools: toolsFor(context.sandbox),
    stopWhen: stepCountIs(maxSteps),
    seed: context.seed,
    abortSignal: context.signal,
  });
  return { output: result.text, metadata: { steps: result.steps.length, finishReason: result.finishReason } };
});
