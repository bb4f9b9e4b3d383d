// The request the simulator benchmarks send: a ReAct agent's first step, with a system prompt,
// a user goal and the four tool definitions the built-in tools produce (a snapshot, so that the
// figures stay comparable from run to run while agents/ changes). The simulator answers it with a
// search_web tool call.
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionFunctionTool } from 'openai/resources/chat/completions';

/** `oracle` never injects faults, so every call does the same work. */
export const benchmarkModel = 'oracle';

export const agentTools: ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search_web',
      description: 'Search the web for documents about a topic. Returns the best matches, each with a title, its source and a relevant snippet.',
      parameters: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            minLength: 1,
            description: 'Keywords or a question describing what to find',
          },
          limit: {
            default: 5,
            description: 'How many results to return',
            type: 'integer',
            minimum: 1,
            maximum: 10,
          },
        },
        required: ['query'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'Read a text file from the workspace and return its contents.',
      parameters: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            minLength: 1,
            description: 'Path of the file, relative to the workspace root, e.g. "notes.txt"',
          },
        },
        required: ['path'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'write_file',
      description: 'Write text to a file in the workspace, replacing it if it exists. Parent folders are created as needed.',
      parameters: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            minLength: 1,
            description: 'Path of the file, relative to the workspace root, e.g. "notes/summary.md"',
          },
          content: {
            type: 'string',
            description: 'The full text to write',
          },
        },
        required: ['path', 'content'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'calculator',
      description: 'Evaluate a mathematical expression and return the result, e.g. "17 * 23", "sqrt(2) / 3", "(48000 * 0.15)" or "5 cm to inch". Supports arithmetic, powers, common functions and units. It is not a programming language.',
      parameters: {
        type: 'object',
        properties: {
          expression: {
            type: 'string',
            minLength: 1,
            maxLength: 500,
            description: 'The expression to evaluate, in ordinary mathematical notation',
          },
        },
        required: ['expression'],
      },
    },
  },
];

export const realisticRequest: ChatCompletionCreateParamsNonStreaming = {
  model: benchmarkModel,
  messages: [
    {
      role: 'system',
      content:
        "You are an agent that completes the user's goal with the tools provided. Call one tool at a time, read its result, " +
        'and when the goal is met reply with the final answer, stating the facts you found. A result that starts with "Error:" means the call failed: fix the call or try another way.',
    },
    { role: 'user', content: 'Search the web for the boiling point of water at high altitude, then save a short summary to notes/boiling-point.md' },
  ],
  tools: agentTools,
  tool_choice: 'auto',
  temperature: 0,
};

/** The tool the simulator must choose for `realisticRequest`; checked so a changed rule is noticed. */
export const expectedToolName = 'search_web';
