// One trajectory from several records of the same tool calls: the model proxy's (paired from the
// conversation), an agent's spans and the steps an agent records or returns itself. Each call must
// appear once, holding the best of what each record knows: the proxy knows the call as the model
// made it, an agent's own record knows whether the tool failed and how long it really took.
import type { ToolCallStep, TrajectoryStep } from '../../agents/index.js';
import { canonicalArguments } from './canonical-arguments.js';
import { noResultErrorCode, toolErrorCode } from './constants.js';

/**
 * For each extra step, the index of the recorded tool_call step it stands for, or undefined.
 * Two steps are the same call when both have the same non-empty callId; otherwise when they name the
 * same tool with equal arguments (as JSON values, key order ignored), each recorded step standing
 * for at most one extra this way, the earliest first. Call ids are matched before arguments, so an
 * extra without an id cannot take the step another extra names by id.
 */
export function matchToolSteps(recorded: readonly TrajectoryStep[], extra: readonly ToolCallStep[]): Array<number | undefined> {
  const matches: Array<number | undefined> = new Array<number | undefined>(extra.length).fill(undefined);
  const byCallId = new Map<string, number>();
  recorded.forEach((step, index) => {
    if (step.type === 'tool_call' && step.callId !== '' && !byCallId.has(step.callId)) byCallId.set(step.callId, index);
  });
  const taken = new Set<number>();
  extra.forEach((step, extraIndex) => {
    const index = step.callId === '' ? undefined : byCallId.get(step.callId);
    if (index === undefined) return;
    matches[extraIndex] = index;
    taken.add(index);
  });
  let byArguments: Map<string, number[]> | undefined;
  extra.forEach((step, extraIndex) => {
    if (matches[extraIndex] !== undefined) return;
    byArguments ??= indexByArguments(recorded);
    const candidates = byArguments.get(callKey(step)) ?? [];
    const index = candidates.find((candidate) => !taken.has(candidate));
    if (index === undefined) return;
    matches[extraIndex] = index;
    taken.add(index);
  });
  return matches;
}

/**
 * The recorded steps with the extra ones merged in. A matched extra keeps the recorded step's
 * position and fills in what it lacks: the result when the recorded one has none (an empty result,
 * or the proxy's `no_result` for a call the agent never answered), the failure when the extra says
 * the tool failed, and the latency (with its start) when the extra measured one. Extras that match
 * nothing recorded are inserted in `startedAt` order, each once: an extra that matches an earlier
 * extra is merged into it the same way. Neither input is changed.
 */
export function mergeToolSteps(recorded: readonly TrajectoryStep[], extra: readonly ToolCallStep[]): TrajectoryStep[] {
  const merged: TrajectoryStep[] = [...recorded];
  const matches = matchToolSteps(recorded, extra);
  const unmatched: ToolCallStep[] = [];
  extra.forEach((step, extraIndex) => {
    const index = matches[extraIndex];
    if (index === undefined) {
      unmatched.push(step);
      return;
    }
    merged[index] = mergeToolStep(merged[index] as ToolCallStep, step);
  });
  const inserted: ToolCallStep[] = [];
  for (const step of unmatched) {
    const earlier = matchToolSteps(inserted, [step])[0];
    if (earlier === undefined) inserted.push({ ...step });
    else inserted[earlier] = mergeToolStep(inserted[earlier]!, step);
  }
  for (const step of inserted) {
    const at = merged.findIndex((other) => other.startedAt > step.startedAt);
    merged.splice(at === -1 ? merged.length : at, 0, step);
  }
  return merged;
}

function callKey(step: ToolCallStep): string {
  return `${step.tool}\u0000${canonicalArguments(step.arguments)}`;
}

function indexByArguments(recorded: readonly TrajectoryStep[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  recorded.forEach((step, position) => {
    if (step.type !== 'tool_call') return;
    const key = callKey(step);
    const positions = index.get(key);
    if (positions) positions.push(position);
    else index.set(key, [position]);
  });
  return index;
}

function lacksResult(step: ToolCallStep): boolean {
  return step.result === '' || step.errorCode === noResultErrorCode;
}

/** One recorded step with what a matching extra step adds, by the rule `mergeToolSteps` documents. */
export function mergeToolStep(recorded: ToolCallStep, extra: ToolCallStep): ToolCallStep {
  const step: ToolCallStep = { ...recorded };
  if (step.callId === '' && extra.callId !== '') step.callId = extra.callId;
  if (step.arguments.trim() === '' && extra.arguments.trim() !== '') step.arguments = extra.arguments;
  if (lacksResult(step) && extra.result !== '') {
    step.result = extra.result;
    step.ok = extra.ok;
    if (extra.errorCode === undefined) delete step.errorCode;
    else step.errorCode = extra.errorCode;
  }
  if (!extra.ok) {
    step.ok = false;
    step.errorCode = extra.errorCode ?? (step.errorCode === undefined || step.errorCode === noResultErrorCode ? toolErrorCode : step.errorCode);
  }
  if (extra.latencyMs > 0) {
    step.latencyMs = extra.latencyMs;
    step.startedAt = extra.startedAt;
  }
  if (step.approved === undefined && extra.approved !== undefined) step.approved = extra.approved;
  return step;
}
