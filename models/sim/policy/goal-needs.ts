// Reads a goal the way a small model does: finds the action words it knows, cuts the goal into one
// clause per action, and pulls each action's arguments out of its clause. The wording understood
// here is documented in models/sim/README.md; keep the two in step.
import { extractExpression, extractListSum } from './arithmetic-expression.js';

export type Intent = 'search' | 'read' | 'write' | 'calculate' | 'list' | 'delete' | 'email' | 'remember' | 'recall' | 'scrape';

export interface Need {
  intent: Intent;
  /** The part of the goal this need was read from, cleaned up. */
  clause: string;
  /** Arguments taken from the goal, by role (query, path, content, expression, to, subject, body). */
  arguments: Record<string, string>;
}

const actionPatterns: Array<{ intent: Intent | 'question'; pattern: RegExp }> = [
  { intent: 'search', pattern: /\b(?:search(?:\s+the\s+web)?(?:\s+for)?|look\s+up|find\s+out|find|research|google)\b/gi },
  { intent: 'read', pattern: /\b(?:read|open|summari[sz]e)\b/gi },
  { intent: 'write', pattern: /\b(?:write|save)\b/gi },
  { intent: 'calculate', pattern: /\b(?:calculate|compute|evaluate|work\s+out|add\s+up)\b/gi },
  { intent: 'question', pattern: /\b(?:what\s+is|what's|how\s+much\s+is)\b/gi },
  { intent: 'list', pattern: /\blist\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:files|documents|contents|directory|folder)\b/gi },
  { intent: 'delete', pattern: /\b(?:delete|remove|erase)\b/gi },
  { intent: 'email', pattern: /\b(?:e-?mail|send)\b/gi },
  // "Remember that X", not "what do you remember": the question is a recall.
  { intent: 'remember', pattern: /(?<!\byou\s+)\bremember\b(?:\s+that\b)?|\bmemori[sz]e\b(?:\s+that\b)?|\bkeep\s+in\s+mind\b(?:\s+that\b)?/gi },
  { intent: 'recall', pattern: /\b(?:what\s+do\s+you\s+remember|do\s+you\s+remember|recall|remind\s+me)\b/gi },
  { intent: 'scrape', pattern: /\bscrape\b/gi },
];

const pathPattern = /(?<![@\w/.-])((?:[\w-]+\/)*[\w-]+\.[a-zA-Z][a-zA-Z0-9]{0,7})(?![\w/-]|\.[a-zA-Z])/;
const addressPattern = /\bhttps?:\/\/[^\s"'<>]+/i;
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const quotedPattern = /["“'`]([^"”'`]{1,2000})["”'`]/;
const trailingConnector = /(?:[\s,;:.!?]|\b(?:and|then|also|after\s+that|finally|next|please)\b)+$/i;
const leadingFiller = /^(?:[\s,;:]|\b(?:for|about|up|on|information\s+(?:on|about)|the\s+web\s+for|online\s+for)\b)+/i;

export function findPath(text: string): string | undefined {
  return pathPattern.exec(text)?.[1];
}

export function findQuoted(text: string): string | undefined {
  return quotedPattern.exec(text)?.[1];
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(trailingConnector, '').trim();
}

interface ActionMatch {
  intent: Intent | 'question';
  start: number;
  end: number;
}

function findActions(goal: string): ActionMatch[] {
  const matches: ActionMatch[] = [];
  for (const { intent, pattern } of actionPatterns) {
    for (const match of goal.matchAll(pattern)) {
      matches.push({ intent, start: match.index, end: match.index + match[0].length });
    }
  }
  matches.sort((left, right) => left.start - right.start);
  // An action word inside a quotation is content, not an instruction; so is one inside the fact a
  // remember action keeps, which runs to the end of its sentence.
  const quoted = [...goal.matchAll(new RegExp(quotedPattern.source, 'g'))].map((match) => [match.index, match.index + match[0].length]);
  const unquoted = matches.filter((match) => !quoted.some(([start, end]) => match.start > start! && match.start < end!));
  const facts = unquoted.filter((match) => match.intent === 'remember').map((match) => [match.end, sentenceEnd(goal, match.end)]);
  return unquoted.filter((match) => !facts.some(([start, end]) => match.start >= start! && match.start < end!));
}

/** Where the sentence that goes on at `from` ends: at . ! ? or ; followed by a space, or at the end. */
function sentenceEnd(goal: string, from: number): number {
  const end = /[.!?;](?=\s|$)|\n/.exec(goal.slice(from));
  return end ? from + end.index : goal.length;
}

function needFromClause(intent: Intent | 'question', verb: string, rest: string): Need | undefined {
  const clause = tidy(`${verb}${rest}`);
  const body = tidy(rest.replace(leadingFiller, ''));
  switch (intent) {
    case 'search':
      return body ? { intent, clause, arguments: { query: body.replace(/[?.!]+$/, '') } } : undefined;
    case 'question': {
      const expression = extractExpression(rest);
      if (expression) return { intent: 'calculate', clause, arguments: { expression } };
      return body ? { intent: 'search', clause, arguments: { query: body.replace(/[?.!]+$/, '') } } : undefined;
    }
    case 'calculate': {
      const expression = extractExpression(rest) ?? (/^add\s+up$/i.test(verb) ? extractListSum(rest) : undefined);
      return expression ? { intent, clause, arguments: { expression } } : undefined;
    }
    case 'read':
    case 'delete': {
      const path = findPath(rest);
      return path ? { intent, clause, arguments: { path } } : undefined;
    }
    case 'write': {
      // Writing without a file name is composing the answer, not a tool call.
      const path = findPath(rest);
      if (!path) return undefined;
      const quoted = findQuoted(rest);
      return { intent, clause, arguments: quoted ? { path, content: quoted } : { path } };
    }
    case 'list': {
      const folder = /\b(?:in|under|inside|of)\s+(?:the\s+)?([\w./-]+?)(?:\s+(?:folder|directory|dir)\b|[\s,.;]|$)/i.exec(rest)?.[1];
      return { intent, clause, arguments: { path: folder && folder !== 'sandbox' ? folder : '.' } };
    }
    case 'email': {
      const to = emailPattern.exec(rest)?.[0];
      if (!to) return undefined;
      const subject = /\bsubject\s*:?\s*["“']([^"”']+)["”']/i.exec(rest)?.[1] ?? /\babout\s+([^,.;]+)/i.exec(rest)?.[1];
      const quoted = findQuoted(rest.replace(/\bsubject\s*:?\s*["“'][^"”']+["”']/i, ''));
      const argumentsByRole: Record<string, string> = { to, subject: tidy(subject ?? 'Summary') };
      if (quoted) argumentsByRole.body = quoted;
      return { intent, clause, arguments: argumentsByRole };
    }
    case 'remember': {
      const fact = findQuoted(rest) ?? tidy(rest.replace(/^[\s:,-]+/, '').replace(/(?:[.!?;](?=\s|$)|\n)[\s\S]*$/, ''));
      return fact ? { intent, clause, arguments: { content: fact } } : undefined;
    }
    case 'scrape': {
      // A web address, else a page's file name; neither ("scrape the top result") means the page the
      // first search result names, filled in once there is one (page-to-scrape.ts).
      const url = addressPattern.exec(rest)?.[0].replace(/[.,;:!?)]+$/, '') ?? findPath(rest);
      return { intent, clause, arguments: url ? { url } : {} };
    }
    case 'recall': {
      const topic = tidy(rest.replace(/^\s*(?:about|of|that|what|on)\b/i, '').replace(/[?.!]+\s*$/, ''));
      return { intent, clause, arguments: { query: topic || tidy(clause.replace(/[?.!]+\s*$/, '')) } };
    }
  }
}

const questionStart = /^\s*(?:who|what|when|where|which|why|how)\b/i;

/** The actions a goal asks for, in the order it asks for them. */
export function readGoalNeeds(goal: string): Need[] {
  const actions = findActions(goal);
  const needs: Need[] = [];
  for (let index = 0; index < actions.length; index++) {
    const action = actions[index]!;
    const next = actions.slice(index + 1).find((candidate) => candidate.start >= action.end);
    const rest = goal.slice(action.end, next ? next.start : goal.length);
    const need = needFromClause(action.intent, goal.slice(action.start, action.end), rest);
    if (need) needs.push(need);
  }
  if (needs.length === 0 && (questionStart.test(goal) || goal.trim().endsWith('?'))) {
    const query = tidy(goal.replace(/[?]+\s*$/, ''));
    if (query) needs.push({ intent: 'search', clause: tidy(goal), arguments: { query } });
  }
  return needs;
}

/** "Reply with X", "say X", "repeat X": the direct replies a goal can ask for without tools. */
export function readDirectReply(goal: string): string | undefined {
  const match = /\b(?:reply|respond|answer)\s+(?:only\s+)?with\s+(?:the\s+(?:word|phrase|text|number)\s+)?(.+)|\b(?:say|repeat)\s+(.+)/i.exec(goal);
  const rest = match?.[1] ?? match?.[2];
  if (!rest) return undefined;
  return findQuoted(rest) ?? tidy(rest.replace(/[.!?]+$/, ''));
}
