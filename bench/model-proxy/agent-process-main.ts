// The user's agent as a process of its own, as a command target runs one: it takes a base URL and
// key from its parent, makes the calls one after another with the openai client, checks each reply
// and reports its own timing. Run by agent-process.ts over an IPC channel; never imported.
import OpenAI from 'openai';
import { nonStreamedCall, streamedCall } from './agent-request.js';
import { timeSequentialCalls } from '../harness/index.js';

export interface AgentSample {
  baseURL: string;
  apiKey: string;
  calls: number;
  stream: boolean;
}

// Clients are kept per base URL, so each side keeps its sockets warm as an agent's one client does.
const clients = new Map<string, OpenAI>();

process.on('message', (sample: AgentSample) => {
  const key = `${sample.baseURL} ${sample.apiKey}`;
  let client = clients.get(key);
  if (!client) {
    client = new OpenAI({ baseURL: sample.baseURL, apiKey: sample.apiKey, maxRetries: 0, timeout: 30_000 });
    clients.set(key, client);
  }
  const call = sample.stream ? streamedCall : nonStreamedCall;
  const agentClient = client;
  timeSequentialCalls(sample.calls, () => call(agentClient)).then(
    (timing) => process.send!({ timing }),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }),
  );
});
