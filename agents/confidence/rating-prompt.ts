// The messages of a rating request: what the rater is asked, and the goal, the answer and the tool
// results between tags it can tell apart (the simulator's rater reads them back the same way).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { RATING_ANSWER_MAX_LENGTH } from './constants.js';

export const ratingInstructions = [
  'You check the work of an AI agent. Given the goal it was set, the answer it gave and the tool results it saw,',
  'rate how likely the answer is to fully and correctly achieve the goal.',
  'Reply with JSON only: {"confidence": <0 to 1>, "reasoning": "<one or two sentences>"}.',
  'confidence is a probability: 0.9 means nine such answers in ten are right. Give low confidence to an answer',
  'that gives up, reports an error, misses part of the goal or is not supported by the tool results.',
].join(' ');

export interface RatingSubject {
  goal: string;
  answer: string;
  /** From summarizeToolResults. */
  toolResults: string;
  /** The agent's own status when it did not complete (max_steps, budget_exceeded…). */
  agentStatus?: string;
}

/** Tags delimit the parts; the simulator's rater (models/sim/policy/rate-answer.ts) reads them back. */
export const ratingTags = { goal: 'goal', answer: 'answer', toolResults: 'tool_results', agentStatus: 'agent_status' } as const;

function tagged(tag: string, text: string): string {
  return `<${tag}>\n${text}\n</${tag}>`;
}

export function ratingMessages(subject: RatingSubject): ChatCompletionMessageParam[] {
  const answer = subject.answer.trim() === '' ? '(no answer)' : subject.answer.length > RATING_ANSWER_MAX_LENGTH ? `${subject.answer.slice(0, RATING_ANSWER_MAX_LENGTH)}… [cut]` : subject.answer;
  const parts = [
    'Rate this answer.',
    tagged(ratingTags.goal, subject.goal.trim()),
    tagged(ratingTags.answer, answer),
    tagged(ratingTags.toolResults, subject.toolResults),
    ...(subject.agentStatus && subject.agentStatus !== 'completed' ? [tagged(ratingTags.agentStatus, `The agent stopped with status ${subject.agentStatus}.`)] : []),
  ];
  return [
    { role: 'system', content: ratingInstructions },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
