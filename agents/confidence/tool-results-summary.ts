// A compact, bounded account of the tool results an agent saw, for the rater to check the answer
// against: one line per call (the last ones), each result cut short, the whole capped.
import type { TrajectoryStep } from '../core/agent-result.js';
import { RATING_TOOL_CALLS_SHOWN, RATING_TOOL_RESULT_MAX_LENGTH, RATING_TOOL_SUMMARY_MAX_LENGTH } from './constants.js';

function oneLine(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1)}…`;
}

/** `(none)` when the agent called no tool. */
export function summarizeToolResults(steps: readonly TrajectoryStep[]): string {
  const calls = steps.filter((step) => step.type === 'tool_call');
  if (calls.length === 0) return '(none)';
  const shown = calls.slice(-RATING_TOOL_CALLS_SHOWN);
  const lines = shown.map((call) => `- ${call.tool} ${oneLine(call.arguments, 120)} → ${call.ok ? '' : 'FAILED: '}${oneLine(call.result, RATING_TOOL_RESULT_MAX_LENGTH)}`);
  if (shown.length < calls.length) lines.unshift(`(${calls.length - shown.length} earlier calls not shown)`);
  let summary = lines.join('\n');
  if (summary.length > RATING_TOOL_SUMMARY_MAX_LENGTH) summary = `${summary.slice(0, RATING_TOOL_SUMMARY_MAX_LENGTH - 1)}…`;
  return summary;
}
