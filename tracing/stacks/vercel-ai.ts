// Driver: a Vercel AI SDK 6 agent (generateText with two tools, up to five steps) against the
// simulator through @ai-sdk/openai-compatible, with the SDK's own telemetry exported over
// OTLP/protobuf. Run as its own process by run-stack.ts.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, tool } from 'ai';
import { calculator, searchWeb } from './agent-tools.js';
import { agentGoal, agentInstructions, maximumSteps } from './constants.js';
import { registerOtlpTracerProvider } from './otlp-tracer-provider.js';
import { readStackSettings } from './stack-settings.js';

const settings = readStackSettings();
const provider = registerOtlpTracerProvider({ serviceName: 'vercel-ai-agent', tracesUrl: settings.tracesUrl, protocol: 'http/protobuf' });
const openai = createOpenAICompatible({ name: 'openai', baseURL: settings.modelUrl, apiKey: 'not-needed', includeUsage: true });

try {
  const result = await generateText({
    model: openai.chatModel(settings.model),
    system: agentInstructions,
    prompt: agentGoal,
    tools: {
      [searchWeb.name]: tool({ description: searchWeb.description, inputSchema: searchWeb.inputSchema, execute: searchWeb.execute }),
      [calculator.name]: tool({ description: calculator.description, inputSchema: calculator.inputSchema, execute: calculator.execute }),
    },
    stopWhen: stepCountIs(maximumSteps),
    experimental_telemetry: { isEnabled: true, functionId: 'two-tool-agent', metadata: { stack: 'vercel-ai' } },
  });
  console.log(result.text);
} finally {
  await provider.shutdown();
}
