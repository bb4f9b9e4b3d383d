// The request both sides send: a ReAct agent's first step (system prompt, goal, two tools), which
// the simulator answers with a search_web call; and the call that sends it and checks the reply,
// streamed or not, so an error reply is never timed as a fast one.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { SIMULATOR_MODEL } from './constants.js';

const tools: ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: 'search_web',
      description: 'Search the web for documents about a topic. Returns the best matches, each with a title, its source and a relevant snippet.',
      parameters: { type: 'object', properties: { query: { type: 'string', description: 'Keywords or a question describing what to find' } }, required: ['query'], additionalProperties: false },
    },
  },
  {
    type: 'function',
    function: {
      name: 'calculator',
      description: 'Evaluate an arithmetic expression and return the result.',
      parameters: { type: 'object', properties: { expression: { type: 'string', description: 'The expression, such as 17 * 23' } }, required: ['expression'], additionalProperties: false },
    },
  },
];

export const agentRequest: ChatCompletionCreateParamsNonStreaming = {
  model: SIMULATOR_MODEL,
  messages: [
    { role: 'system', content: 'You are a careful research agent. Use the tools to find facts and compute results; answer only from what they return.' },
    { role: 'user', content: 'Search for the boiling point of water and calculate 17 * 23' },
  ],
  tools,
  temperature: 0,
  seed: 1,
};

const expectedTool = 'search_web';

export type AgentCall = (client: OpenAI) => Promise<void>;

export const nonStreamedCall: AgentCall = async (client) => {
  const completion = await client.chat.completions.create(agentRequest);
  const call = completion.choices[0]?.message.tool_calls?.[0];
  const name = call?.type === 'function' ? call.function.name : undefined;
  if (name !== expectedTool) throw new Error(`expected a ${expectedTool} call, got ${JSON.stringify(completion.choices[0]?.message)}`);
};

/** Streamed without asking for usage, as most agents stream: the proxy asks for it and holds its chunk back. */
export const streamedCall: AgentCall = async (client) => {
  const stream = await client.chat.completions.create({ ...agentRequest, stream: true });
  let name: string | undefined;
  let usageChunks = 0;
  for await (const chunk of stream) {
    name ??= chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name;
    if (chunk.usage) usageChunks += 1;
  }
  if (name !== expectedTool || usageChunks > 0) throw new Error(`expected a streamed ${expectedTool} call and no usage chunk, got name ${name}, ${usageChunks} usage chunks`);
};
