// The simulator as a formatter: a json_schema response format named `lesson_package` (what the content
// pipeline's formatter sends, content/formatter.ts) is filled from the conversation alone: the goal
// `Format the lesson on <topic> for <audience> as a lesson package`, a `Context: Draft:` message and a
// `Context: Verified facts:` (or `Unverified facts:`) message of `- <fact> [<source>]` lines. Summary from the first facts,
// sections from the draft's sentences, key facts as given, and fill-in-the-blank questions on them.
import type { ConversationView } from '../conversation.js';
import { claimWords, sentencesOf } from './fact-check.js';

interface Fact {
  fact: string;
  sources: string[];
}

function factsOf(view: ConversationView): Fact[] {
  const facts: Fact[] = [];
  for (const context of view.contexts) {
    if (!/^\s*(?:un)?verified facts\s*:/i.test(context)) continue;
    for (const line of context.split('\n').slice(1)) {
      const match = /^\s*[-*]\s+(.*?)\s*\[([^\]]+)\]\s*$/.exec(line);
      if (match) facts.push({ fact: match[1]!, sources: match[2]!.split(/,\s*/) });
    }
  }
  return facts;
}

function draftOf(view: ConversationView): string {
  const draft = view.contexts.find((context) => /^\s*draft\s*:/i.test(context)) ?? '';
  return draft.replace(/^\s*draft\s*:\s*/i, '');
}

function headingOf(sentence: string): string {
  const words = sentence.replace(/[.,;:!?]+/g, '').split(/\s+/).slice(0, 6);
  return words.join(' ');
}

/** The word a question blanks out: a number if the fact has one, else its longest word not in the topic. */
function blankOf(fact: string, topicWords: Set<string>): string | undefined {
  const number = /\d+(?:[.,]\d+)*/.exec(fact)?.[0];
  if (number) return number;
  return claimWords(fact)
    .filter((word) => !topicWords.has(word))
    .sort((left, right) => right.length - left.length)[0];
}

export function lessonPackageHints(view: ConversationView): Record<string, unknown> {
  const match = /lesson on (.+) for (.+?) as a lesson package/i.exec(view.goal);
  const topic = match?.[1]?.trim() ?? view.goal.trim();
  const audience = match?.[2]?.trim() ?? 'general readers';
  const facts = factsOf(view);
  const sentences = sentencesOf(draftOf(view));
  const sections: Array<{ heading: string; body: string }> = [];
  for (let index = 0; index < sentences.length && sections.length < 4; index += 3) {
    const part = sentences.slice(index, index + 3);
    sections.push({ heading: headingOf(part[0]!), body: part.join(' ') });
  }
  const topicWords = new Set(claimWords(topic));
  const blanks = facts.map((fact) => blankOf(fact.fact, topicWords));
  const quiz: Array<{ question: string; choices: string[]; answerIndex: number }> = [];
  for (let index = 0; index < facts.length && quiz.length < 3; index++) {
    const answer = blanks[index];
    if (!answer) continue;
    const others = [...new Set(blanks.filter((blank): blank is string => blank !== undefined && blank.toLowerCase() !== answer.toLowerCase()))].slice(0, 2);
    if (others.length === 0) continue;
    const choices = [...others];
    const answerIndex = quiz.length % (choices.length + 1);
    choices.splice(answerIndex, 0, answer);
    quiz.push({ question: `Fill in the blank: ${facts[index]!.fact.replace(answer, '_____')}`, choices, answerIndex });
  }
  return {
    topic,
    audience,
    summary: facts.slice(0, 2).map((fact) => fact.fact).join(' ') || sentences.slice(0, 2).join(' '),
    sections,
    keyFacts: facts,
    quiz,
  };
}
