// Lessons in the system prompt: the lessons recalled for a run's goal (agents/review/lessons.ts) are
// added, as a "Lessons from similar past tasks:" block, to the first system message of every model
// request the run makes (a system message is put first when a request has none). The request is
// copied, never changed in place, so the conversation an agent keeps, and working memory compresses,
// stays its own; the block is added after working memory has measured the request.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ModelRequest } from './call-model.js';

/** The heading of the block; the simulator (models/sim/policy/lesson-rules.ts) looks for the same words. */
export const LESSONS_HEADING = 'Lessons from similar past tasks:';

/** One line per lesson: whitespace runs (newlines included) become one space, control characters go. */
function asLine(lesson: string): string {
  return lesson.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** The block as it is put in the system prompt; empty without lessons. */
export function lessonsBlock(lessons: readonly string[]): string {
  const lines = lessons.map(asLine).filter((line) => line !== '');
  return lines.length === 0 ? '' : `${LESSONS_HEADING}\n${lines.map((line) => `- ${line}`).join('\n')}`;
}

/** The request with the block added to its first system message; the request itself when there are no lessons. */
export function withLessons(request: ModelRequest, lessons: readonly string[] | undefined): ModelRequest {
  const block = lessonsBlock(lessons ?? []);
  if (block === '') return request;
  const messages = [...request.messages];
  const index = messages.findIndex((message) => message.role === 'system');
  if (index < 0) return { ...request, messages: [{ role: 'system', content: block }, ...messages] };
  const system = messages[index] as Extract<ChatCompletionMessageParam, { role: 'system' }>;
  const content = typeof system.content === 'string' ? `${system.content}\n\n${block}` : [...system.content, { type: 'text' as const, text: `\n\n${block}` }];
  messages[index] = { ...system, content };
  return { ...request, messages };
}
