// Driver: an `openai` client instrumented by OpenInference (the OpenAIInstrumentation patched in by
// hand, as ESM apps must), in a hand-written tool loop whose run and tool calls are traced with
// @arizeai/openinference-core's AGENT and TOOL helpers. Exports OTLP/JSON. Run by run-stack.ts.
import { getToolAttributes, traceAgent, traceTool } from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { agentTools, openAiTool, parseArguments, runTool } from './agent-tools.js';
import { agentGoal, agentInstructions, maximumSteps } from './constants.js';
import { registerOtlpTracerProvider } from './otlp-tracer-provider.js';
import { readStackSettings } from './stack-settings.js';

const settings = readStackSettings();
const provider = registerOtlpTracerProvider({ serviceName: 'openinference-openai-agent', tracesUrl: settings.tracesUrl, protocol: 'http/json' });
new OpenAIInstrumentation({ tracerProvider: provider }).manuallyInstrument(OpenAI);
const client = new OpenAI({ baseURL: settings.modelUrl, apiKey: 'not-needed', maxRetries: 0 });
const tools = agentTools.map((tool) => openAiTool(tool));

/** One TOOL span per call, named after the tool, carrying its call id as OpenInference's `tool.id`. */
function callTool(call: ChatCompletionMessageToolCall): Promise<string> {
  if (call.type !== 'function') return Promise.resolve(`Error: unsupported tool call type ${call.type}`);
  const tool = agentTools.find((candidate) => candidate.name === call.function.name);
  const attributes = {
    ...getToolAttributes({ name: call.function.name, ...(tool ? { description: tool.description, parameters: z.toJSONSchema(tool.inputSchema) as Record<string, unknown> } : { parameters: {} }) }),
    'tool.id': call.id,
  };
  // An object argument is recorded as JSON input (input.mime_type application/json).
  const traced = traceTool((input: unknown) => runTool(call.function.name, input), { name: call.function.name, attributes });
  return traced(parseArguments(call.function.arguments));
}

const runAgent = traceAgent(async (goal: string): Promise<string> => {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: agentInstructions }, { role: 'user', content: goal }];
  for (let step = 0; step < maximumSteps; step++) {
    const message = (await client.chat.completions.create({ model: settings.model, messages, tools })).choices[0]!.message;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const call of message.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: await callTool(call) });
  }
  return `No answer within ${maximumSteps} steps.`;
}, { name: 'two-tool-agent' });

try {
  console.log(await runAgent(agentGoal));
} finally {
  await provider.shutdown();
}
