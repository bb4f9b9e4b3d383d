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

/** The facts of a worker's successful search (and scrape) calls, without repeats, at most MAX_FACTS. */
export function factsFromSteps(steps: readonly TrajectoryStep[], query: string): ResearchFact[] {
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
  return facts.slice(0, MAX_FACTS);
}

/** Facts as context lines the simulator and people read alike: `- <fact> [<source>]`. */
export function factLines(facts: readonly { text: string; source: string }[]): string {
  return facts.map((fact) => `- ${fact.text} [${fact.source}]`).join('\n');
}
