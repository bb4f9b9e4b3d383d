// Facts from search results and scraped pages: the complete sentences of the hits `search_web` returns
// (`1. Title (source)` then a snippet) and of a page `scrape` read (`Title (address)` then its text),
// kept only when the title shares a word with the query, so a weak match on another subject brings no
// facts. A cut-off sentence (ending in …) is not a fact. The same sentence from a search and a page is
// kept once, from whichever came first.
import type { TrajectoryStep } from '../agents/index.js';
import { MAX_FACTS } from './constants.js';
import type { ResearchFact } from './content-result.js';

const hitPattern = /^\s*\d+\.\s+(.*?)\s+\(([^()]+)\)\s*\n([\s\S]*)$/;
/** A scraped page: `<title> (<address>)`, its lead on the next line, then paragraphs. */
const pagePattern = /^\s*(.*?)\s+\((https?:\/\/[^()\s]+)\)\s*\n([\s\S]*)$/;

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[.!?]$/.test(sentence) && sentence.split(' ').length >= 4);
}

/** Every sentence of a scraped page, its source the page's address. */
export function factsFromPage(result: string, query: string): ResearchFact[] {
  const page = pagePattern.exec(result);
  if (!page) return [];
  const [, title, address, body] = page;
  if (![...words(title!)].some((word) => words(query).has(word))) return [];
  return sentences(body!).map((text) => ({ text, source: address! }));
}

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z][a-z0-9'-]{2,}/g) ?? []).filter((word) => !['the', 'and', 'for', 'with'].includes(word)));
}

export function factsFromResult(result: string, query: string): ResearchFact[] {
  const queryWords = words(query);
  const facts: ResearchFact[] = [];
  for (const block of result.split(/\n\s*\n/)) {
    const hit = hitPattern.exec(block);
    if (!hit) continue;
    const [, title, source, snippet] = hit;
    if (![...words(title!)].some((word) => queryWords.has(word))) continue;
    for (const text of sentences(snippet!)) facts.push({ text, source: source! });
  }
  return facts;
}

/** The facts of a worker's successful search (and scrape) calls, without repeats, at most `limit`. */
export function factsFromSteps(steps: readonly TrajectoryStep[], query: string, limit = MAX_FACTS): ResearchFact[] {
  const seen = new Set<string>();
  const facts: ResearchFact[] = [];
  for (const step of steps) {
    if (step.type !== 'tool_call' || !step.ok || !/search|scrape/.test(step.tool)) continue;
    for (const fact of step.tool === 'scrape' ? factsFromPage(step.result, query) : factsFromResult(step.result, query)) {
      if (seen.has(fact.text)) continue;
      seen.add(fact.text);
      facts.push(fact);
    }
  }
  return facts.slice(0, limit);
}

/** Words that would read as another action in a task (models/sim/README.md, "Goal wording"). */
const actionWords = new Set('search find look research google read open summarize summarise write save calculate compute evaluate work list delete remove erase email e-mail send remember memorize recall remind what how'.split(' '));

/** Key words of each sentence of a draft, as search queries. */
export function claimQueries(draft: string, limit: number): string[] {
  return draft
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"'])/)
    // No apostrophes: a model (the simulator too) may read them as quotes around content.
    .map((sentence) => (sentence.replace(/\[[^\]]*\]/g, '').match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? []).filter((word) => word.length > 2 && !actionWords.has(word.toLowerCase())).slice(0, 8).join(' '))
    .filter((query) => query.split(' ').length >= 3)
    .slice(0, limit);
}

/** Facts as context lines the simulator and people read alike: `- <fact> [<source>]`. */
export function factLines(facts: readonly { text: string; source: string }[]): string {
  return facts.map((fact) => `- ${fact.text} [${fact.source}]`).join('\n');
}
