// The tool calls of a trajectory as the checks see them: successful calls for what was done, every
// attempt for what was tried.
import type { AgentResult, ToolCallStep } from '../../agents/index.js';

export interface ToolCallView {
  tool: string;
  arguments: Record<string, unknown> | undefined;
  ok: boolean;
  errorCode?: string;
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function toolCallsOf(result: Pick<AgentResult, 'steps'>): ToolCallView[] {
  return result.steps
    .filter((step): step is ToolCallStep => step.type === 'tool_call')
    .map((step) => ({ tool: step.tool, arguments: parseArguments(step.arguments), ok: step.ok, ...(step.errorCode ? { errorCode: step.errorCode } : {}) }));
}

export function describeSequence(tools: readonly string[]): string {
  return tools.length === 0 ? '(none)' : tools.join(' → ');
}
