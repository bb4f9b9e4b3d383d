// The page a goal means when it says to scrape without an address ("Search for DNA and scrape the
// top result"): the source the first search result of the conversation names, `1. DNA (dna.html)`,
// as a model would copy it from the result. Nothing else is known about the page.
import type { ConversationView } from '../conversation.js';
import type { Need } from './goal-needs.js';

const firstResultSource = /^\s*1\.\s+[^\n]*\(([^()\s]+)\)\s*$/m;

/** The need with its `url` filled from the first successful search result, when it has none. */
export function withPageToScrape(need: Need, view: ConversationView): Need {
  if (need.intent !== 'scrape' || need.arguments.url) return need;
  for (const call of view.toolCalls) {
    if (call.failed || call.result === undefined) continue;
    const source = firstResultSource.exec(call.result)?.[1];
    if (source) return { ...need, arguments: { ...need.arguments, url: source } };
  }
  return need;
}
