// The two tools every stack's agent offers, each once as a zod schema (for the Vercel AI SDK) and once
// as an OpenAI function tool derived from it (for the openai-client stacks). The oracle profile picks
// search_web for "search" and calculator for "calculate" by these names and fills `query` and
// `expression` from the goal. Failures are returned as text, as a model would be shown them.
import { evaluate } from 'mathjs';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';

export interface AgentTool<Input> {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  execute(input: Input): Promise<string>;
}

const corpus = [
  'Water boils at 100 °C (212 °F) at sea level.',
  'Mount Everest is 8,849 metres tall.',
];

export const searchWeb: AgentTool<{ query: string }> = {
  name: 'search_web',
  description: 'Search the web and return the best matching passage.',
  inputSchema: z.object({ query: z.string().describe('What to search for') }),
  async execute({ query }) {
    const words = query.toLowerCase().split(/\W+/).filter((word) => word.length > 3);
    return corpus.find((passage) => words.some((word) => passage.toLowerCase().includes(word))) ?? 'No results.';
  },
};

export const calculator: AgentTool<{ expression: string }> = {
  name: 'calculator',
  description: 'Evaluate an arithmetic expression.',
  inputSchema: z.object({ expression: z.string().describe('The arithmetic, e.g. 2 * (3 + 4)') }),
  async execute({ expression }) {
    // Only the simulator writes these expressions; mathjs keeps the demo from parsing arithmetic by hand.
    try {
      return String(evaluate(expression));
    } catch (error) {
      return `Error: ${error instanceof Error ? error.message : String(error)}`;
    }
  },
};

export const agentTools = [searchWeb, calculator] as const;

export function openAiTool(tool: AgentTool<unknown>): ChatCompletionFunctionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: z.toJSONSchema(tool.inputSchema) as Record<string, unknown> } };
}

/** The model's argument text as JSON, or the text itself when it is not JSON (runTool then says so). */
export function parseArguments(argumentsText: string): unknown {
  try {
    return JSON.parse(argumentsText);
  } catch {
    return argumentsText;
  }
}

/** Runs the named tool on the parsed arguments; unknown tools and invalid input come back as text. */
export async function runTool(name: string, input: unknown): Promise<string> {
  const tool = agentTools.find((candidate) => candidate.name === name) as AgentTool<unknown> | undefined;
  if (!tool) return `Error: no tool named ${name}`;
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) return `Error: invalid arguments for ${name}: ${parsed.error.message}`;
  return tool.execute(parsed.data);
}
