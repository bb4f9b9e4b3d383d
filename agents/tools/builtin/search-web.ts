// The search_web tool: despite its name it never touches the network; it searches the local
// fixture corpus, so runs are reproducible and golden answers checkable.
import { z } from 'zod';
import { DEFAULT_CORPUS_DIRECTORY, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../constants.js';
import { loadCorpusIndex, type CorpusHit } from '../corpus/index.js';
import { defineTool } from '../define-tool.js';

export interface SearchWebToolOptions {
  /** The corpus to search; defaults to datasets/fixtures/corpus. */
  corpusDirectory?: string;
}

function formatHits(query: string, hits: readonly CorpusHit[]): string {
  if (hits.length === 0) return `No documents matched "${query}". Try other or fewer keywords.`;
  // One block per result, best first and with no header, so the first paragraph of the output
  // is the best match: that is the part a reader (or the simulated model) quotes.
  return hits.map((hit, index) => `${index + 1}. ${hit.title} (${hit.source})\n   ${hit.snippet}`).join('\n\n');
}

// One schema for every registry, so its JSON Schema is derived once per process.
const searchWebParameters = z.object({
  query: z.string().trim().min(1).describe('Keywords or a question describing what to find'),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT).describe('How many results to return'),
});

export function createSearchWebTool(options: SearchWebToolOptions = {}) {
  const corpusDirectory = options.corpusDirectory ?? DEFAULT_CORPUS_DIRECTORY;
  return defineTool({
    name: 'search_web',
    description:
      'Search the web for documents about a topic. Returns the best matches, each with a title, ' +
      'its source and a relevant snippet.',
    permission: 'read',
    parameters: searchWebParameters,
    async execute({ query, limit }) {
      const index = await loadCorpusIndex(corpusDirectory);
      return formatHits(query, index.query(query, limit));
    },
  });
}
