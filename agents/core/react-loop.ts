// The ReAct loop: the model reasons, calls tools, reads results, and answers. Used as the react
// agent itself and, scoped, for plan steps and workers.
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { goalReminder, isReminderDue } from '../guards/goal-reminder.js';
import { RepeatedCallGuard, repeatedCallMessage } from '../guards/repeated-call-guard.js';
import { routingTemperature } from '../constants.js';
import type { AgentRun } from './agent-run.js';
import { RunStop } from './run-stop.js';

export interface ReactLoopOptions {
  /** The role recorded on every step: react, executor, researcher… */
  agent: string;
  task: string;
  systemPrompt: string;
  /** Earlier results, handed over as "Context:" messages. */
  contexts?: string[];
  /** The tools offered; calls to any other tool are answered as unknown. */
  tools: ChatCompletionFunctionTool[];
  /** Model turns this loop may take; the run's own limit applies as well. */
  maxSteps: number;
  /** 0 (tool selection) unless the loop's job is drafting text. */
  temperature?: number;
}

export interface ReactLoopOutcome {
  output: string;
  status: 'completed' | 'max_steps';
  toolCalls: number;
  failedToolCalls: number;
}

export async function runReactLoop(run: AgentRun, options: ReactLoopOptions): Promise<ReactLoopOutcome> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: options.systemPrompt },
    { role: 'user', content: options.task },
    ...(options.contexts ?? []).map((context) => ({ role: 'user' as const, content: `Context: ${context}` })),
  ];
  const offered = new Set(options.tools.map((tool) => tool.function.name));
  const guard = new RepeatedCallGuard();
  let toolCalls = 0;
  let failedToolCalls = 0;
  for (let step = 0; step < options.maxSteps; step++) {
    if (isReminderDue(step)) {
      messages.push({ role: 'user', content: goalReminder(options.task) });
      run.emit({ type: 'guard', agent: options.agent, guard: 'goal-restated', detail: `step ${step}` });
    }
    const completion = await run.callModel(options.agent, {
      messages,
      ...(options.tools.length > 0 ? { tools: options.tools, tool_choice: 'auto' as const } : {}),
      temperature: options.temperature ?? routingTemperature,
    });
    const message = completion.choices[0]?.message;
    const calls = (message?.tool_calls ?? []).filter((call) => call.type === 'function');
    messages.push({ role: 'assistant', content: message?.content ?? null, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
    if (calls.length === 0) return { output: message?.content ?? '', status: 'completed', toolCalls, failedToolCalls };

    for (const call of calls) {
      const toolCall = { id: call.id, name: call.function.name, arguments: call.function.arguments };
      let decided: { content: string; errorCode: 'unknown_tool' | 'repeated_call' } | undefined;
      if (!offered.has(toolCall.name)) {
        decided = { content: `Error: unknown tool "${toolCall.name}". Available tools: ${[...offered].join(', ') || 'none'}.`, errorCode: 'unknown_tool' };
      } else {
        const verdict = guard.check(toolCall.name, toolCall.arguments);
        if (verdict === 'stop') {
          await run.executeTool(options.agent, toolCall, { content: repeatedCallMessage(toolCall.name), errorCode: 'repeated_call' });
          throw new RunStop('error', 'loop_detected', `${options.agent} repeated ${toolCall.name} with the same arguments after being told to change course`);
        }
        if (verdict === 'warn') {
          decided = { content: repeatedCallMessage(toolCall.name), errorCode: 'repeated_call' };
          run.emit({ type: 'guard', agent: options.agent, guard: 'repeated-call', detail: `${toolCall.name} ${toolCall.arguments}` });
        }
      }
      const execution = await run.executeTool(options.agent, toolCall, decided);
      toolCalls++;
      if (!execution.ok) failedToolCalls++;
      messages.push({ role: 'tool', tool_call_id: call.id, content: execution.content });
    }
  }
  return { output: '', status: 'max_steps', toolCalls, failedToolCalls };
}
