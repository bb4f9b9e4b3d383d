// What a user's agent hands back, whatever its kind: the answer, and optionally its own steps, usage
// and metadata. A module returns it; a command and an HTTP agent print or send it as JSON.
import type { TokenUsage, ToolCallStep, TrajectoryStep } from '../agents/index.js';
import { DEFAULT_OUTPUT_FIELD } from './constants.js';

export interface ExternalAnswer {
  output: string;
  /** Steps the agent recorded itself; tool calls are merged with the proxy's, deduplicated. */
  steps?: TrajectoryStep[];
  usage?: Partial<TokenUsage>;
  metadata?: Record<string, unknown>;
}

/** A loosely shaped tool step as an agent may return it: `{ tool, arguments, result, ok? }`. */
function toToolStep(value: Record<string, unknown>, agent: string, index: number, now: number): ToolCallStep | undefined {
  const tool = typeof value.tool === 'string' ? value.tool : typeof value.name === 'string' ? value.name : undefined;
  if (!tool) return undefined;
  const argumentsValue = value.arguments ?? value.args ?? value.input ?? {};
  const resultValue = value.result ?? value.output ?? '';
  return {
    type: 'tool_call',
    agent,
    callId: typeof value.callId === 'string' ? value.callId : typeof value.id === 'string' ? value.id : '',
    tool,
    arguments: typeof argumentsValue === 'string' ? argumentsValue : JSON.stringify(argumentsValue),
    ok: value.ok !== false && value.error === undefined,
    result: typeof resultValue === 'string' ? resultValue : JSON.stringify(resultValue),
    ...(typeof value.errorCode === 'string' ? { errorCode: value.errorCode } : {}),
    latencyMs: typeof value.latencyMs === 'number' ? value.latencyMs : 0,
    startedAt: typeof value.startedAt === 'number' ? value.startedAt : now + index / 1000,
  };
}

/** Tool steps among what an agent returned (`type: 'tool_call'`, or anything with a `tool` name). */
export function returnedToolSteps(steps: readonly unknown[] | undefined, agent: string, now: number): ToolCallStep[] {
  if (!Array.isArray(steps)) return [];
  const found: ToolCallStep[] = [];
  steps.forEach((step, index) => {
    if (!step || typeof step !== 'object') return;
    const record = step as Record<string, unknown>;
    if (record.type !== undefined && record.type !== 'tool_call') return;
    const toolStep = toToolStep(record, agent, index, now);
    if (toolStep) found.push(toolStep);
  });
  return found;
}

/**
 * Reads an answer from a value an agent gave: a string is the output; an object needs a string
 * `output` (or the field named). Returns a message saying what is wrong otherwise.
 */
export function readExternalAnswer(value: unknown, field = DEFAULT_OUTPUT_FIELD): ExternalAnswer | { problem: string } {
  if (typeof value === 'string') return { output: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: `expected a string or an object with "${field}", got ${describe(value)}` };
  const record = value as Record<string, unknown>;
  const output = record[field];
  if (typeof output !== 'string') return { problem: `expected "${field}" to be a string, got ${describe(output)}` };
  return {
    output,
    ...(Array.isArray(record.steps) ? { steps: record.steps as TrajectoryStep[] } : {}),
    ...(record.usage && typeof record.usage === 'object' ? { usage: record.usage as Partial<TokenUsage> } : {}),
    ...(record.metadata && typeof record.metadata === 'object' ? { metadata: record.metadata as Record<string, unknown> } : {}),
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
