// The simulated model asked to compress a conversation ("Summarise the conversation above…", the last
// user message of a working-memory summary request): one line per tool call it was shown, with the
// salient sentences of the result, then the other evidence it was shown. Like a careful small model it
// keeps the sentences that carry numbers and the goal's words, and drops the rest.
import type { ConversationView } from '../conversation.js';
import { contextPrefix, messageText } from '../conversation.js';
import type { ChatMessage } from '../request-schema.js';
import { formatToolLine, parseToolLine } from '../summary-lines.js';
import { countCompletionTokens } from '../token-usage.js';

/** The instruction that makes a request a summary request. */
export const summaryInstruction = /^\s*summari[sz]e the conversation above\b/i;

/** The longest result kept per call, in characters: about three sentences. */
export const summaryResultMaxLength = 400;
const sentencesKept = 3;
/** Shorter results tried, in turn, when the summary would not fit the max_tokens it was given. */
const tighterResultLengths = [280, 200, 140, 100];

export function isSummaryRequest(view: ConversationView): boolean {
  return summaryInstruction.test(view.lastUserText);
}

function keywords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? []).filter((word) => !commonWords.has(word)));
}

const commonWords = new Set('this that with from have what when where which their there then than they them were been into about also only each file files read search find write save report calculate'.split(' '));

/**
 * The sentences of a text worth keeping: the lead sentence, those with a number, those sharing words
 * with what the call was after (`focus`: its arguments) or with the goal; at most three, in their
 * order, and none that has none of these. A text already that short is kept whole, so that
 * summarising a summary loses nothing.
 */
export function salientSentences(text: string, goal: string, maxLength = summaryResultMaxLength, focus = ''): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= maxLength) return collapsed;
  // Headings (a Markdown heading line, a line ending in a colon) introduce; they are not sentences.
  const sentences = text
    .split(/\n/)
    .filter((line) => !/^\s*#{1,6}\s/.test(line) && !/:\s*$/.test(line))
    // "1. Title" list numbering goes, as in an answer's excerpt.
    .map((line) => line.replace(/^\s*\d+[.)]\s+/, ''))
    .join('\n')
    .split(/\n\s*\n|(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => sentence.length > 0);
  const sought = keywords(focus);
  const wanted = keywords(goal);
  const scored = sentences.map((sentence, index) => {
    let score = index === 0 ? 2 : 0;
    if (/\d/.test(sentence)) score += 3;
    for (const word of keywords(sentence)) score += sought.has(word) ? 2 : wanted.has(word) ? 1 : 0;
    return { sentence, index, score };
  });
  const kept = scored.filter((entry) => entry.score > 0).sort((left, right) => right.score - left.score || left.index - right.index).slice(0, sentencesKept);
  let summary = '';
  for (const { sentence } of kept.sort((left, right) => left.index - right.index)) {
    const next = summary === '' ? sentence : `${summary} ${sentence}`;
    if (next.length > maxLength) break;
    summary = next;
  }
  return summary || `${collapsed.slice(0, maxLength - 1)}…`;
}

/** The text of a call's arguments (its query, path, expression…): what its result is read for. */
function argumentValues(callArguments: Record<string, unknown> | undefined): string {
  return Object.values(callArguments ?? {}).filter((value): value is string => typeof value === 'string').join(' ');
}

/**
 * The summary: a line per tool call, then a line per other piece of evidence that does not repeat the
 * goal. Asked to keep within `maxTokens`, it keeps fewer sentences per line rather than stopping short.
 */
export function summariseConversation(view: ConversationView, messages: ChatMessage[], maxTokens?: number): string {
  let summary = '';
  for (const length of [summaryResultMaxLength, ...tighterResultLengths]) {
    summary = summaryLines(view, messages, length);
    if (maxTokens === undefined || countCompletionTokens(summary, []) <= maxTokens) break;
  }
  return summary;
}

function summaryLines(view: ConversationView, messages: ChatMessage[], maxLength: number): string {
  const lines = view.toolCalls.map((call) =>
    formatToolLine({ name: call.name, argumentsText: call.argumentsText, result: call.result === undefined ? '(no result)' : salientSentences(call.result, view.goal, maxLength, argumentValues(call.arguments)) }),
  );
  const goal = view.goal.trim();
  let goalSeen = false;
  for (const message of messages) {
    if (message.role !== 'user') continue;
    const text = messageText(message).trim();
    if (!goalSeen && text === goal) {
      goalSeen = true;
      continue;
    }
    if (summaryInstruction.test(text) || (goal !== '' && text.includes(goal))) continue;
    for (const line of text.replace(contextPrefix, '').split('\n')) {
      const note = line.trim();
      // Tool lines of an earlier summary are already among the calls; its heading says nothing.
      if (note === '' || parseToolLine(note) || /^summary of earlier work\b/i.test(note)) continue;
      lines.push(`- ${salientSentences(note.replace(/^-\s+/, ''), view.goal, maxLength)}`);
    }
  }
  return lines.length > 0 ? [...new Set(lines)].join('\n') : '- Nothing has been found yet.';
}
