// Facts from search results: the complete sentences of the hits `search_web` returns (`1. Title
// (source)` then a snippet), kept only from hits whose title shares a word with the query, so a weak
// match on another subject brings no facts. A cut-off sentence (ending in …) is not a fact.
import type { TrajectoryStep } from '../agents/index.js';
import { MAX_FACTS } from './constants.js';
import type { ResearchFact } from './content-result.js';

const hitPattern = /^\s*\d+\.\s+(.*?)\s+\(([^()]+)\)\s*\n([\s\S]*)$/;

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
    for (const sentence of snippet!.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z0-9"'])/)) {
      const text = sentence.trim();
      if (/[.!?]$/.test(text) && text.split(' ').length >= 4) facts.push({ text, source: source! });
    }
  }
  return facts;
}

/** The facts of a worker's successful search (and scrape) calls, without repeats, at most `limit`. */
export function factsFromSteps(steps: readonly TrajectoryStep[], query: string, limit = MAX_FACTS): ResearchFact[] {
  const seen = new Set<string>();
  const facts: ResearchFact[] = [];
  for (const step of steps) {
    if (step.type !== 'tool_call' || !step.ok || !/search|scrape/.test(step.tool)) continue;
    for (const fact of factsFromResult(step.result, query)) {
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
