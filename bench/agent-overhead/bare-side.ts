// The bare side of the overhead comparison: the agent's own captured request, with each goal in
// turn, sent in a plain loop through the same openai client, every reply checked.
import type OpenAI from 'openai';
import { replyGoal, replyText } from '../workloads/index.js';
import { timeSequentialCalls, type CallTiming } from '../harness/index.js';
import { requestFor, type CapturedRequest } from './captured-request.js';

async function callBare(client: OpenAI, captured: CapturedRequest, index: number): Promise<void> {
  const completion = await client.chat.completions.create(requestFor(captured, replyGoal(index), index), captured.options);
  const message = completion.choices[0]?.message;
  if (message?.content !== replyText(index) || (message.tool_calls?.length ?? 0) > 0) {
    throw new Error(`bare call ${index}: expected "${replyText(index)}", got ${JSON.stringify(message)}`);
  }
}

export function timeBareCalls(client: OpenAI, captured: CapturedRequest, count: number): Promise<CallTiming> {
  return timeSequentialCalls(count, (index) => callBare(client, captured, index));
}
