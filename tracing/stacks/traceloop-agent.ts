// The agent both Traceloop drivers run, written once against the few SDK functions it needs so 0.27
// and 0.22 (whose exports differ only in what this does not use) run the same loop: initialize with
// the `openai` module instrumented by hand, an agent entity around the tool loop, a tool entity
// around each call, then flush. Traceloop builds its own provider and exporter (OTLP/protobuf to
// `${baseUrl}/v1/traces`).
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { agentTools, openAiTool, parseArguments, runTool } from './agent-tools.js';
import { agentGoal, agentInstructions, maximumSteps } from './constants.js';
import { readStackSettings } from './stack-settings.js';

interface EntityConfig {
  name: string;
}

export interface TraceloopOptions {
  appName: string;
  baseUrl: string;
  disableBatch: boolean;
  traceloopSyncEnabled: boolean;
  silenceInitializationMessage: boolean;
  instrumentModules: { openAI: typeof OpenAI };
}

/** The slice of @traceloop/node-server-sdk's exports this agent uses. */
export interface TraceloopSdk {
  initialize(options: TraceloopOptions): unknown;
  /** The arguments after `fn` are passed to it and recorded as `traceloop.entity.input`. */
  withAgent<Arguments extends unknown[], Result>(config: EntityConfig, fn: (...args: Arguments) => Promise<Result>, ...args: Arguments): Promise<Result>;
  withTool<Arguments extends unknown[], Result>(config: EntityConfig, fn: (...args: Arguments) => Promise<Result>, ...args: Arguments): Promise<Result>;
  forceFlush(): Promise<void>;
}

export async function runTraceloopAgent(traceloop: TraceloopSdk, serviceName: string): Promise<void> {
  const settings = readStackSettings();
  traceloop.initialize({
    appName: serviceName,
    baseUrl: settings.otlpEndpoint,
    disableBatch: true,
    // Otherwise it polls Traceloop's prompt registry.
    traceloopSyncEnabled: false,
    silenceInitializationMessage: true,
    instrumentModules: { openAI: OpenAI },
  });
  const client = new OpenAI({ baseURL: settings.modelUrl, apiKey: 'not-needed', maxRetries: 0 });
  const tools = agentTools.map((tool) => openAiTool(tool));
  try {
    const answer = await traceloop.withAgent({ name: 'two-tool-agent' }, async (goal: string) => {
      const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: agentInstructions }, { role: 'user', content: goal }];
      for (let step = 0; step < maximumSteps; step++) {
        const message = (await client.chat.completions.create({ model: settings.model, messages, tools })).choices[0]!.message;
        messages.push(message);
        if (!message.tool_calls?.length) return message.content ?? '';
        for (const call of message.tool_calls) {
          if (call.type !== 'function') continue;
          // One object argument is what Traceloop records as kwargs: {"args":[],"kwargs":{"query":…}}.
          const result = await traceloop.withTool({ name: call.function.name }, (input: unknown) => runTool(call.function.name, input), parseArguments(call.function.arguments));
          messages.push({ role: 'tool', tool_call_id: call.id, content: result });
        }
      }
      return `No answer within ${maximumSteps} steps.`;
    }, agentGoal);
    console.log(answer);
  } finally {
    await traceloop.forceFlush();
  }
}
