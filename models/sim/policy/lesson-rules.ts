// Lessons the simulated model follows. Before a run, agentlab puts the lessons recalled for its goal in
// the system prompt under "Lessons from similar past tasks:" (agents/core/lessons-prompt.ts); a small
// rule-following model can use the plainest of them: `"<word>" means <action words>` teaches it a word
// it does not know, so it reads the goal with the word replaced before looking for actions. Other
// lessons are read and ignored, as a small model would. Nothing here knows a case or a dataset.
import type { ConversationView } from '../conversation.js';

/** The heading the lessons block starts with; agents/core/lessons-prompt.ts writes the same words. */
export const lessonsHeading = 'Lessons from similar past tasks:';

/** A word the model was taught and the words it stands for. */
export interface WordLesson {
  word: string;
  meaning: string;
}

const quotedWord = /^["“']([\p{L}][\p{L}\p{N} -]{0,38}[\p{L}\p{N}]|[\p{L}])["”']\s+means\s+(.+)$/iu;
/** The meaning runs to the first colon, semicolon, comma, full stop, question or exclamation mark. */
const meaningEnd = /[:;,.!?]/;
const quotedSpan = /["“'`][^"”'`]*["”'`]/g;

/** The bullet lines of the lessons block in the system text, without their "- ". */
export function readLessons(system: string): string[] {
  const start = system.indexOf(lessonsHeading);
  if (start < 0) return [];
  const lessons: string[] = [];
  for (const line of system.slice(start + lessonsHeading.length).split('\n').slice(1)) {
    const bullet = /^\s*[-*]\s+(.+)$/.exec(line);
    if (!bullet) break;
    lessons.push(bullet[1]!.trim());
  }
  return lessons;
}

/** The lesson as a word and its meaning, when it has the form `"<word>" means <action words>`. */
export function parseWordLesson(lesson: string): WordLesson | undefined {
  const match = quotedWord.exec(lesson.trim());
  if (!match) return undefined;
  const meaning = match[2]!.split(meaningEnd)[0]!.trim();
  return /\p{L}/u.test(meaning) ? { word: match[1]!, meaning } : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The goal with each taught word (a whole word, any case, outside quotes) replaced by its meaning. */
export function applyWordLessons(goal: string, lessons: readonly WordLesson[]): string {
  if (lessons.length === 0) return goal;
  const rewrite = (text: string) =>
    lessons.reduce((current, lesson) => current.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lesson.word)}(?![\\p{L}\\p{N}])`, 'giu'), lesson.meaning), text);
  let result = '';
  let last = 0;
  for (const quoted of goal.matchAll(quotedSpan)) {
    result += rewrite(goal.slice(last, quoted.index)) + quoted[0];
    last = quoted.index + quoted[0].length;
  }
  return result + rewrite(goal.slice(last));
}

/** The goal as the model reads it once the lessons in its system prompt are applied. */
export function understoodGoal(view: Pick<ConversationView, 'goal' | 'system'>): string {
  const lessons = readLessons(view.system).flatMap((lesson) => parseWordLesson(lesson) ?? []);
  return applyWordLessons(view.goal, lessons);
}
