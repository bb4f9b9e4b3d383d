// The simulated model's decision for a tool turn: the next tool call the goal still needs, or the
// answer once every need is met (or has been tried and given up).
import type { ConversationView } from '../conversation.js';
import type { ChatCompletionRequest, ToolDefinition } from '../request-schema.js';
import { composeAnswer, composeReport, type Fulfilment } from './compose-answer.js';
import { readDirectReply, readGoalNeeds, type Need } from './goal-needs.js';
import { understoodGoal } from './lesson-rules.js';
import { withPageToScrape } from './page-to-scrape.js';
import { buildArguments, callMatchesNeed, intentForTool, toolForIntent } from './tool-matching.js';

export type Decision =
  | { kind: 'tool_call'; name: string; argumentsText: string }
  | { kind: 'answer'; content: string };

/** Failed attempts at one need before the model gives up on it and says so: the same call would fail again. */
export const attemptsBeforeGivingUp = 1;

export interface PlanState {
  needs: Need[];
  fulfilments: Fulfilment[];
  /** The first need neither done nor given up. */
  pending: Need | undefined;
}

/** Where the goal stands: which of its needs (that the offered tools can do) are done. */
export function readPlanState(view: ConversationView, tools: ToolDefinition[]): PlanState {
  // A scrape with no address waits for a search result to name its page, and is dropped when none does.
  const needs = readGoalNeeds(understoodGoal(view))
    .map((need) => withPageToScrape(need, view))
    .filter((need) => toolForIntent(need.intent, tools) && (need.intent !== 'scrape' || need.arguments.url));
  const fulfilments: Fulfilment[] = [];
  let pending: Need | undefined;
  for (const need of needs) {
    const toolName = toolForIntent(need.intent, tools)!.function.name;
    const attempts = view.toolCalls.filter((call) => call.name === toolName && callMatchesNeed(call.arguments, need));
    const done = attempts.find((call) => call.result !== undefined && !call.failed);
    const failures = attempts.filter((call) => call.failed);
    if (done) fulfilments.push({ need, call: done });
    else if (failures.length >= attemptsBeforeGivingUp) fulfilments.push({ need, lastError: failures.at(-1)!.result! });
    else {
      pending ??= need;
      fulfilments.push({ need });
    }
  }
  return { needs, fulfilments, pending };
}

function callFor(need: Need, tool: ToolDefinition, state: PlanState, view: ConversationView): Decision {
  const values = { ...need.arguments };
  const findings = () => composeReport(state.fulfilments.filter((fulfilment) => fulfilment.need !== need), view.contexts);
  if (need.intent === 'write' && values.content === undefined) values.content = findings();
  if (need.intent === 'email' && values.body === undefined) values.body = findings();
  return { kind: 'tool_call', name: tool.function.name, argumentsText: JSON.stringify(buildArguments(tool, need.intent, values)) };
}

export function answerFrom(state: PlanState, view: ConversationView): Decision {
  const direct = state.needs.length === 0 && view.contexts.length === 0 ? readDirectReply(view.goal) : undefined;
  return { kind: 'answer', content: direct ?? composeAnswer(view.goal, state.fulfilments, view.contexts) };
}

export function decideNextAction(
  view: ConversationView,
  tools: ToolDefinition[],
  toolChoice: ChatCompletionRequest['tool_choice'],
): { decision: Decision; state: PlanState } {
  const state = readPlanState(view, tools);
  if (tools.length === 0 || toolChoice === 'none') return { decision: answerFrom(state, view), state };

  const goalAsNeed = (tool: ToolDefinition): Need => {
    const intent = intentForTool(tool.function.name) ?? 'search';
    return state.needs.find((need) => need.intent === intent) ?? { intent, clause: view.goal, arguments: { query: view.goal } };
  };
  if (typeof toolChoice === 'object') {
    const tool = tools.find((candidate) => candidate.function.name === toolChoice.function.name);
    if (tool) return { decision: callFor(goalAsNeed(tool), tool, state, view), state };
  }
  if (state.pending) {
    return { decision: callFor(state.pending, toolForIntent(state.pending.intent, tools)!, state, view), state };
  }
  if (toolChoice === 'required') {
    const tool = (state.needs[0] && toolForIntent(state.needs[0].intent, tools)) ?? tools[0]!;
    return { decision: callFor(goalAsNeed(tool), tool, state, view), state };
  }
  return { decision: answerFrom(state, view), state };
}
