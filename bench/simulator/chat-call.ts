// One chat completion of the benchmark request through the openai client, streamed or not,
// read to the end and checked: a benchmark that times error replies measures nothing.
import type OpenAI from 'openai';
import { expectedToolName, realisticRequest } from './realistic-request.js';

export type ChatCall = (client: OpenAI) => Promise<void>;

export const nonStreamingCall: ChatCall = async (client) => {
  const completion = await client.chat.completions.create(realisticRequest);
  const call = completion.choices[0]?.message.tool_calls?.[0];
  const name = call?.type === 'function' ? call.function.name : undefined;
  if (name !== expectedToolName) throw new Error(`expected a ${expectedToolName} call, got ${JSON.stringify(completion.choices[0]?.message)}`);
};

export const streamingCall: ChatCall = async (client) => {
  const stream = await client.chat.completions.create({ ...realisticRequest, stream: true, stream_options: { include_usage: true } });
  let name: string | undefined;
  let sawUsage = false;
  for await (const chunk of stream) {
    name ??= chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name;
    if (chunk.usage) sawUsage = true;
  }
  if (name !== expectedToolName || !sawUsage) throw new Error(`expected a streamed ${expectedToolName} call and a usage chunk, got name ${name}, usage ${sawUsage}`);
};
