// Writes answers, reports and e-mail bodies from what the conversation holds: tool results and
// context messages. The simulator never knows anything the conversation does not say.
import type { ToolCallRecord } from '../conversation.js';
import type { Need } from './goal-needs.js';

export interface Fulfilment {
  need: Need;
  /** The successful call that did this need. */
  call?: ToolCallRecord;
  /** The last error, when the need was tried and given up. */
  lastError?: string;
}

/** A block that only introduces what follows: a line ending in a colon, or a Markdown heading. */
function isHeading(block: string): boolean {
  const trimmed = block.trim();
  return /:$/.test(trimmed) || /^#{1,6}\s[^\n]*$/.test(trimmed);
}

/** The first paragraph of a text that is not a heading, whitespace collapsed, cut at a word boundary. */
export function excerpt(text: string, maxLength = 320): string {
  const blocks = text.trim().split(/\n\s*\n/);
  const firstBlock = blocks.find((block) => !isHeading(block)) ?? blocks[0] ?? '';
  // "1. Title" list numbering goes; "2949.67" stays.
  const collapsed = firstBlock.replace(/^\s*\d+[.)]\s+/, '').replace(/\s+/g, ' ').trim();
  if (collapsed.length <= maxLength) return collapsed;
  const cut = collapsed.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength / 2))}…`;
}

function sentenceFor(fulfilment: Fulfilment): string | undefined {
  const { need, call, lastError } = fulfilment;
  if (!call) {
    return lastError ? `I could not ${need.clause.charAt(0).toLowerCase()}${need.clause.slice(1)}: ${excerpt(lastError, 160)}` : undefined;
  }
  const result = call.result ?? '';
  switch (need.intent) {
    case 'search':
      return `I searched for "${need.arguments.query}". ${excerpt(result)}`;
    case 'read':
      return `${need.arguments.path} says: ${excerpt(result, 400)}`;
    case 'calculate':
      return `${need.arguments.expression} = ${excerpt(result, 80)}.`;
    case 'list':
      return `The files are: ${excerpt(result.replace(/\n/g, '; '), 400)}`;
    case 'write':
      return `I saved it to ${need.arguments.path}.`;
    case 'delete':
      return `I deleted ${need.arguments.path}.`;
    case 'email':
      return `I sent the e-mail to ${need.arguments.to}.`;
    case 'remember':
      return `I will remember that ${need.arguments.content}.`;
    case 'scrape':
      return `${need.arguments.url} says: ${excerpt(result, 400)}`;
    case 'recall':
      // The recall tool lists one memory per block, best first: its first line is the best one.
      return `From memory: ${excerpt(result.split('\n')[0] ?? '')}`;
  }
}

/** The label a hand-over starts with ("researcher reported:", "Step 1 (Find it):"), up to its first colon. */
const leadingLabel = /^[^:\n{}]{1,200}?:\s+/;

/** The distinct lines of the context messages, each message's leading label removed. */
function contextLines(contexts: string[]): string[] {
  return contexts.flatMap((context) => context.trim().replace(leadingLabel, '').split('\n')).map((line) => line.trim()).filter((line) => line.length > 0);
}

function distinct(lines: string[]): string[] {
  return [...new Set(lines.map((line) => excerpt(line, 600)))];
}

/** The findings so far, for a file or an e-mail body: results of reading actions and the context. */
export function composeReport(fulfilments: Fulfilment[], contexts: string[]): string {
  const lines = fulfilments
    .filter((fulfilment) => fulfilment.call && ['search', 'read', 'scrape', 'calculate', 'list', 'recall'].includes(fulfilment.need.intent))
    .map((fulfilment) => sentenceFor(fulfilment)!)
    .concat(contextLines(contexts));
  return lines.length > 0 ? distinct(lines).join('\n') : 'No findings yet.';
}

export function composeAnswer(goal: string, fulfilments: Fulfilment[], contexts: string[]): string {
  const sentences = fulfilments.map(sentenceFor).filter((sentence): sentence is string => Boolean(sentence));
  const lines = distinct([...sentences, ...contextLines(contexts)]);
  if (lines.length === 0) return `I do not have enough information to answer: ${excerpt(goal, 200)}`;
  return lines.join('\n');
}

const fillerParagraph =
  'It is worth noting, in addition to the points above, that there are many further considerations one could raise here, ' +
  'and a thorough treatment would examine each of them carefully, weigh the trade-offs involved, and restate the conclusion ' +
  'in several different ways to make absolutely sure that nothing has been overlooked in the process.';

/** The verbose-output fault: the same answer, padded. */
export function padVerbosely(answer: string, paragraphs: number): string {
  return [answer, ...Array.from({ length: paragraphs }, () => fillerParagraph)].join('\n\n');
}
