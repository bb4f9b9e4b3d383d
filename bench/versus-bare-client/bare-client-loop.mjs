// The bare side of agentlab vs the bare client: a plain loop of `openai` client calls, as a user
// would write it, run as its own process. It sends, for each case, the request `agentlab eval`'s
// react agent sends (captured from a real eval: system prompt, the tool definitions, tool_choice,
// temperature), with the case's goal as the user message, `concurrency` calls in flight, and checks
// every answer. Plain JavaScript, so nothing is compiled when it starts: the floor a harness is
// measured against. Usage:
//   node bare-client-loop.mjs <plan.json>
// where plan.json is { baseURL, apiKey, concurrency, template: { body, goal }, cases: [{ goal, expected }] }.
// Exits 0 when every case was answered exactly its expected text, 1 otherwise (the first mismatch on stderr).
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { body, goal: capturedGoal } = plan.template;
// The client's defaults (its own fetch), as a user's loop has them; no retries, so an error counts.
const client = new OpenAI({ baseURL: plan.baseURL, apiKey: plan.apiKey, maxRetries: 0 });

function requestFor(goal, seed) {
  const messages = body.messages.map((message) => (message.role === 'user' && message.content === capturedGoal ? { ...message, content: goal } : message));
  return { ...body, messages, seed };
}

let next = 0;
let answered = 0;
async function worker() {
  while (next < plan.cases.length) {
    const index = next++;
    const { goal, expected } = plan.cases[index];
    const completion = await client.chat.completions.create(requestFor(goal, index + 1));
    const message = completion.choices[0]?.message;
    if (message?.content !== expected || (message.tool_calls?.length ?? 0) > 0) {
      throw new Error(`case ${index + 1}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(message)}`);
    }
    answered += 1;
  }
}

try {
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  process.stdout.write(`${JSON.stringify({ answered })}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
