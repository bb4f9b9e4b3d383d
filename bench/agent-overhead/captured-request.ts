// The chat request the react agent sends for a goal, captured once from a real run through a client
// that records what it is given and passes it on, so the bare side can replay exactly that request
// (system prompt, tools, temperature, tool_choice, seed, request options) for any other goal.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { agentPatterns, createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, runAgent } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';

/** The second argument of `chat.completions.create`: timeout, retries, signal. */
type RequestOptions = Parameters<OpenAI['chat']['completions']['create']>[1];

export interface CapturedRequest {
  body: ChatCompletionCreateParamsNonStreaming;
  options: RequestOptions | undefined;
  /** The goal the capture ran on: the user message to replace when replaying another goal. */
  goal: string;
}

function recordingClient(client: OpenAI, requests: CapturedRequest['body'][], options: CapturedRequest['options'][]): OpenAI {
  const completions = {
    create: (body: ChatCompletionCreateParamsNonStreaming, requestOptions?: RequestOptions) => {
      requests.push(structuredClone(body));
      options.push(requestOptions);
      return client.chat.completions.create(body, requestOptions);
    },
  };
  return { chat: { completions } } as unknown as OpenAI;
}

export async function captureAgentRequest(handle: ModelHandle, goal: string, seed: number): Promise<CapturedRequest> {
  const bodies: CapturedRequest['body'][] = [];
  const options: CapturedRequest['options'][] = [];
  const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY, lazy: true });
  try {
    const model = { ...handle, client: recordingClient(handle.client, bodies, options) };
    const result = await runAgent('react', agentPatterns.react, goal, { model, tools: createDefaultRegistry({ sandbox }), seed });
    if (result.status !== 'completed' || bodies.length !== 1) {
      throw new Error(`capturing the agent's request: expected one model call and a completed run, got ${bodies.length} calls and ${result.status} (${result.error?.message ?? ''})`);
    }
  } finally {
    await sandbox.remove();
  }
  // The per-request signal the agent links to its run is not part of the request: leave it out.
  const { signal: _signal, ...requestOptions } = options[0] ?? {};
  return { body: bodies[0]!, options: requestOptions, goal };
}

/** The captured request with another goal in place of the captured one, and another seed. */
export function requestFor(captured: CapturedRequest, goal: string, seed: number): ChatCompletionCreateParamsNonStreaming {
  const messages = captured.body.messages.map((message) => (message.role === 'user' && message.content === captured.goal ? { ...message, content: goal } : message));
  return { ...captured.body, messages, seed };
}
