// Turns a finished run into an episode draft: the goal, a short text summary of its trajectory, how
// it ended and its answer. The summary is for a person (and a model) reading it later, not a replay.
import type { AgentResult, TrajectoryStep } from '../core/agent-result.js';
import { EPISODE_ARGUMENTS_MAX_LENGTH, EPISODE_MAX_LISTED_TOOL_CALLS, EPISODE_OUTPUT_MAX_LENGTH } from './constants.js';
import type { EpisodeDraft } from './episodic-memory.js';

function cut(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/** "3 model calls, 2 tool calls (1 failed)", then one line per tool call with how it went. */
export function summarizeSteps(steps: readonly TrajectoryStep[]): string {
  const modelCalls = steps.filter((step) => step.type === 'model_call').length;
  const toolCalls = steps.filter((step) => step.type === 'tool_call');
  const failed = toolCalls.filter((step) => !step.ok).length;
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const lines = [`${plural(modelCalls, 'model call')}, ${plural(toolCalls.length, 'tool call')}${failed > 0 ? ` (${failed} failed)` : ''}`];
  toolCalls.slice(0, EPISODE_MAX_LISTED_TOOL_CALLS).forEach((step, index) => {
    const how = step.ok ? 'ok' : `failed: ${step.errorCode ?? 'error'}`;
    lines.push(`${index + 1}. ${step.agent} → ${step.tool} ${cut(step.arguments.replace(/\s+/g, ' '), EPISODE_ARGUMENTS_MAX_LENGTH)} (${how})`);
  });
  if (toolCalls.length > EPISODE_MAX_LISTED_TOOL_CALLS) lines.push(`… and ${toolCalls.length - EPISODE_MAX_LISTED_TOOL_CALLS} more tool calls`);
  return lines.join('\n');
}

/** The run's status, and why when it did not complete: `completed`, `max_steps: the run reached…`. */
export function describeOutcome(result: AgentResult): string {
  return result.error ? `${result.status}: ${result.error.message}` : result.status;
}

export interface EpisodeDetails {
  agent: string;
  /** The model reference the agent ran on. */
  model: string;
  namespace?: string;
  runId?: string;
}

export function episodeFromResult(goal: string, result: AgentResult, details: EpisodeDetails): EpisodeDraft {
  return {
    goal,
    steps: summarizeSteps(result.steps),
    outcome: describeOutcome(result),
    output: cut(result.output, EPISODE_OUTPUT_MAX_LENGTH),
    agent: details.agent,
    model: details.model,
    ...(details.namespace === undefined ? {} : { namespace: details.namespace }),
    ...(details.runId === undefined ? {} : { runId: details.runId }),
    ...(result.traceId === undefined ? {} : { traceId: result.traceId }),
  };
}
