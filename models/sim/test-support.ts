// Shared set-up for the simulator's tests: a zero-latency server and an openai client against it.
import OpenAI from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { startSimServer, type RunningSimServer, type SimServerOptions } from './server.js';

export async function startTestServer(options: SimServerOptions = {}): Promise<{ server: RunningSimServer; client: OpenAI }> {
  const server = await startSimServer({ latency: 'zero', ...options });
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0, timeout: 10_000 });
  return { server, client };
}

function tool(name: string, description: string, properties: Record<string, { type: string; description?: string }>, required: string[]): ChatCompletionTool {
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

export const testTools: ChatCompletionTool[] = [
  tool('search_web', 'Search the document corpus', { query: { type: 'string' } }, ['query']),
  tool('read_file', 'Read a file from the sandbox', { path: { type: 'string' } }, ['path']),
  tool('write_file', 'Write a file in the sandbox', { path: { type: 'string' }, content: { type: 'string' } }, ['path', 'content']),
  tool('calculator', 'Evaluate an arithmetic expression', { expression: { type: 'string' } }, ['expression']),
];
