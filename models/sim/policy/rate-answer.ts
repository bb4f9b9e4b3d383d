// How the simulated model rates an answer when asked for `{ confidence, reasoning }` (the
// `answer_rating` schema agents/confidence sends): the way a small model would, from what it can see.
// It notices an answer that gives up or reports an error, actions of the goal the answer does not
// cover, arithmetic left without a result, tool calls that failed, and answers too short or padded;
// then seeded noise (sloppier profiles are noisier, and a little overconfident) makes it informative
// but imperfect. The same request and seed always give the same rating.
import type { ChatMessage } from '../request-schema.js';
import { messageText } from '../conversation.js';
import type { BehaviourRates } from '../profile.js';
import { draw, hashText } from '../seeded-random.js';
import { readGoalNeeds, type Need } from './goal-needs.js';

/** Requests whose json_schema is named so are ratings (agents/confidence's RATING_SCHEMA_NAME). */
const ratingSchemaName = /^answer_rating$/i;

export function isRatingRequest(schemaName: string): boolean {
  return ratingSchemaName.test(schemaName.trim());
}

const givingUp = /\b(?:do not have enough information|don't have enough information|could not|couldn't|cannot|can't|unable to|gave up|give up|failed|no results|no documents matched|not found|no such file|error)\b/i;
const stopWords = new Set('the and for with from that this what when where which who how does did about into then also find search look research google out for of a an to in on is was are'.split(' '));

/** The text between `<tag>` and `</tag>` of the rating request (agents/confidence/rating-prompt.ts). */
function tagged(text: string, tag: string): string | undefined {
  const start = text.indexOf(`<${tag}>`);
  const end = text.lastIndexOf(`</${tag}>`);
  if (start < 0 || end < start) return undefined;
  return text.slice(start + tag.length + 2, end).trim();
}

function contentWords(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[a-z][a-z0-9'-]{2,}/g) ?? []).filter((word) => !stopWords.has(word)))];
}

function baseName(path: string): string {
  return path.split('/').at(-1) ?? path;
}

/** Whether the answer shows the need was done: its file, address or topic is named, its sum has a result. */
function covers(need: Need, answer: string): boolean {
  const lower = answer.toLowerCase();
  const argument = (name: string) => (need.arguments[name] ?? '').toLowerCase();
  switch (need.intent) {
    case 'search':
    case 'recall': {
      const words = contentWords(argument('query'));
      return words.length === 0 || words.filter((word) => lower.includes(word)).length * 2 >= words.length;
    }
    case 'read':
    case 'write':
      return lower.includes(baseName(argument('path')));
    case 'delete':
      return lower.includes(baseName(argument('path'))) && /\b(?:deleted|removed)\b/.test(lower);
    case 'email':
      return lower.includes(argument('to'));
    case 'list':
      return /\bfiles\b|\.\w{2,4}\b/.test(lower);
    case 'calculate':
      // A result: "= 391", or a number the goal did not hold.
      return /=\s*-?\d/.test(answer) || numbersIn(answer).some((number) => !numbersIn(need.clause).includes(number));
    case 'remember':
      return /\bremember/.test(lower);
    case 'scrape':
      return lower.includes(baseName(argument('url')).replace(/\.html?$/, ''));
  }
}

function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((number) => number.replace(/,/g, ''));
}

export interface RatingFeatures {
  /** Actions the goal asks for, and how many the answer shows were done. */
  needs: number;
  covered: number;
  givesUp: boolean;
  empty: boolean;
  /** The agent stopped before completing (max_steps, budget…). */
  stopped: boolean;
  failedToolCalls: number;
  toolCalls: number;
  length: number;
}

export function readRatingFeatures(goal: string, answer: string, toolResults: string, agentStatus: string | undefined): RatingFeatures {
  const needs = readGoalNeeds(goal);
  const empty = answer === '' || answer === '(no answer)';
  const lines = toolResults.split('\n').filter((line) => line.startsWith('- '));
  return {
    needs: needs.length,
    covered: empty ? 0 : needs.filter((need) => covers(need, answer)).length,
    givesUp: givingUp.test(answer),
    empty,
    stopped: agentStatus !== undefined,
    failedToolCalls: lines.filter((line) => line.includes('→ FAILED:')).length,
    toolCalls: lines.length,
    length: answer.length,
  };
}

/** How sure the features alone make it, before noise. */
export function scoreFeatures(features: RatingFeatures): number {
  if (features.empty) return 0.05;
  const coverage = features.needs === 0 ? 0.8 : features.covered / features.needs;
  let score = 0.5 + 0.45 * coverage;
  if (features.givesUp) score -= 0.4;
  if (features.stopped) score -= 0.25;
  if (features.toolCalls > 0) score -= 0.15 * (features.failedToolCalls / features.toolCalls);
  // A direct reply ("pong") is short by nature; an answer to actions in under ten characters is not.
  if (features.needs > 0 && features.length < 10) score -= 0.15;
  if (features.length > 1_500) score -= 0.05;
  return score;
}

function reasoningOf(features: RatingFeatures): string {
  const parts: string[] = [];
  if (features.empty) return 'There is no answer to rate.';
  if (features.givesUp) parts.push('The answer says it could not do part of the goal or lacks information.');
  if (features.needs > 0) parts.push(`It shows ${features.covered} of the ${features.needs} action${features.needs === 1 ? '' : 's'} the goal asks for.`);
  if (features.stopped) parts.push('The agent stopped before it finished.');
  if (features.failedToolCalls > 0) parts.push(`${features.failedToolCalls} of ${features.toolCalls} tool calls failed.`);
  if (features.needs > 0 && features.length < 10) parts.push('The answer is very short.');
  if (parts.length === 0) parts.push('The answer addresses the goal.');
  return parts.join(' ');
}

/**
 * How sloppy a profile is: the mean of its behaviour rates (strong ≈ 0.02, weak ≈ 0.17). The noise's
 * standard deviation is 0.05 + 0.6 × that, and the rating leans high by half of it: a model that
 * slips more is a noisier judge of its own work, and small models are overconfident.
 */
function sloppiness(rates: BehaviourRates): number {
  const values = Object.values(rates);
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/** Roughly normal noise with mean 0 and standard deviation 1: the sum of four seeded uniform draws, centred and scaled. */
function seededNoise(seed: number, text: string): number {
  const key = hashText(text);
  let sum = 0;
  for (let index = 0; index < 4; index++) sum += draw(seed, 'rating', key, index);
  return (sum - 2) / Math.sqrt(4 / 12);
}

/** The rating object for a request whose schema is `answer_rating`. */
export function rateAnswer(messages: ChatMessage[], seed: number, rates: BehaviourRates): { confidence: number; reasoning: string } {
  const prompt = messages.filter((message) => message.role === 'user').map(messageText).find((text) => text.includes('<goal>')) ?? '';
  const goal = tagged(prompt, 'goal') ?? '';
  const answer = tagged(prompt, 'answer') ?? '';
  const features = readRatingFeatures(goal, answer, tagged(prompt, 'tool_results') ?? '', tagged(prompt, 'agent_status'));
  const slop = sloppiness(rates);
  const noisy = scoreFeatures(features) + slop / 2 + (0.05 + 0.6 * slop) * seededNoise(seed, `${goal}\u0000${answer}`);
  const confidence = Math.round(Math.min(1, Math.max(0, noisy)) * 100) / 100;
  return { confidence, reasoning: reasoningOf(features) };
}
