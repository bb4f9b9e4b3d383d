// Behavioural faults: the mistakes real models make, injected at seeded points so that every one of
// them can be reproduced. Each is drawn once per turn from (seed, step, fault name).
import type { ConversationView } from './conversation.js';
import { answerFrom, type Decision, type PlanState } from './policy/next-action.js';
import { padVerbosely } from './policy/compose-answer.js';
import { intentForTool } from './policy/tool-matching.js';
import type { ToolDefinition } from './request-schema.js';
import type { BehaviourRates } from './profile.js';
import { draw } from './seeded-random.js';

export type BehaviourFault = keyof BehaviourRates;

const hallucinatedNames: Record<string, string> = {
  search: 'web_search',
  read: 'open_file',
  write: 'save_file',
  calculate: 'math_eval',
  list: 'ls',
  delete: 'remove_file',
  email: 'email_send',
};

export interface FaultContext {
  view: ConversationView;
  state: PlanState;
  tools: ToolDefinition[];
  rates: BehaviourRates;
  seed: number;
}

function happens(context: FaultContext, fault: BehaviourFault): boolean {
  const rate = context.rates[fault];
  return rate > 0 && draw(context.seed, context.view.identity, context.view.step, fault) < rate;
}

/** Cuts JSON text short so that it no longer parses. */
export function breakJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
}

function nonexistentName(name: string, tools: ToolDefinition[]): string {
  let candidate = hallucinatedNames[intentForTool(name) ?? ''] ?? `${name}_v2`;
  while (tools.some((tool) => tool.function.name === candidate)) candidate = `${candidate}_tool`;
  return candidate;
}

/** Applies at most one behavioural fault to a tool-turn decision. */
export function applyBehaviourFaults(decision: Decision, context: FaultContext): { decision: Decision; fault?: BehaviourFault } {
  const { view, tools } = context;
  const previous = view.toolCalls.at(-1);
  if (previous && tools.length > 0 && happens(context, 'repeatedCall')) {
    return { decision: { kind: 'tool_call', name: previous.name, argumentsText: previous.argumentsText }, fault: 'repeatedCall' };
  }
  if (decision.kind === 'answer') {
    if (happens(context, 'verboseOutput')) {
      const paragraphs = 3 + Math.floor(draw(context.seed, view.identity, view.step, 'verbosity') * 4);
      return { decision: { kind: 'answer', content: padVerbosely(decision.content, paragraphs) }, fault: 'verboseOutput' };
    }
    return { decision };
  }
  if (happens(context, 'earlyAnswer')) return { decision: answerFrom(context.state, view), fault: 'earlyAnswer' };
  if (happens(context, 'nonexistentTool')) {
    return { decision: { ...decision, name: nonexistentName(decision.name, tools) }, fault: 'nonexistentTool' };
  }
  const others = tools.filter((tool) => tool.function.name !== decision.name);
  if (others.length > 0 && happens(context, 'wrongTool')) {
    const wrong = others[Math.floor(draw(context.seed, view.identity, view.step, 'which-wrong-tool') * others.length)]!;
    return { decision: { ...decision, name: wrong.function.name }, fault: 'wrongTool' };
  }
  if (happens(context, 'malformedArguments')) {
    return { decision: { ...decision, argumentsText: breakJson(decision.argumentsText) }, fault: 'malformedArguments' };
  }
  return { decision };
}

/** Structured output can only go wrong one way that matters: JSON that does not parse. */
export function structuredOutputFault(content: string, context: Pick<FaultContext, 'view' | 'rates' | 'seed'>): { content: string; fault?: BehaviourFault } {
  const rate = context.rates.malformedArguments;
  if (rate > 0 && draw(context.seed, context.view.identity, context.view.step, 'malformedArguments') < rate) {
    return { content: breakJson(content), fault: 'malformedArguments' };
  }
  return { content };
}
