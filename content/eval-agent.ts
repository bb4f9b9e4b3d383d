// The content pipeline as an eval target, with nothing registered anywhere:
//   agentlab eval --agents module:content/eval-agent.ts --dataset <topics>
// Each case's goal is a topic. Every worker's model call goes through the case's recording proxy (so
// the trajectory and cost are the proxy's, on the cell's model); the answer is the package's summary
// and key facts, and the piece's status, confidence and per-claim verdicts go on the case's trace.
import OpenAI from 'openai';
import { runAgent, type AgentModel } from '../agents/index.js';
import { defineAgent } from '../targets/index.js';
import { contentAgent } from './content-agent.js';

export default defineAgent(async (goal, context) => {
  // A client of this module's own `openai`, the one agentlab's retry logic recognises the errors of
  // (context.openai may come from another copy of the package), with the SDK's retries off as agents want.
  const client = new OpenAI({ baseURL: context.model.baseURL, apiKey: context.model.apiKey, maxRetries: 0 });
  const model: AgentModel = { client, model: context.model.model, provider: 'agentlab.proxy' };
  const result = await runAgent('content', contentAgent, goal, { model, tools: context.tools, seed: context.seed, signal: context.signal });
  // A piece the gates or the budget stopped is the pipeline's failure, scored as such (an empty answer
  // fails the case); anything else (an endpoint that kept failing) is an error of the case.
  if (result.status === 'max_steps' || result.status === 'budget_exceeded') return { output: '', metadata: { status: result.status, reason: result.error?.message ?? '', ...(result.counters ?? {}) } };
  if (result.status !== 'completed') throw new Error(result.error?.message ?? `the piece ended ${result.status}`);
  return { output: result.output, metadata: { status: result.status, ...(result.counters ?? {}) } };
});
