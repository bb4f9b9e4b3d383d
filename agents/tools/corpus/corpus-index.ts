// Full-text search over a corpus directory, ranked by minisearch. Built once per directory and
// shared by every run, since the corpus is read-only fixture data.
import path from 'node:path';
import MiniSearch from 'minisearch';
import { DEFAULT_CORPUS_DIRECTORY, SEARCH_SNIPPET_LENGTH } from '../constants.js';
import { CorpusError } from '../errors.js';
import { bestSnippet } from './best-snippet.js';
import { readCorpusDocuments, type CorpusDocument } from './corpus-document.js';
import { stopWords } from './stop-words.js';

export interface CorpusHit {
  source: string;
  title: string;
  snippet: string;
  score: number;
}

const tokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return stopWords.has(lower) ? null : lower;
}

export class CorpusIndex {
  readonly directory: string;
  readonly documents: readonly CorpusDocument[];
  private readonly miniSearch: MiniSearch<CorpusDocument>;

  constructor(directory: string, documents: readonly CorpusDocument[]) {
    this.directory = directory;
    this.documents = documents;
    this.miniSearch = new MiniSearch<CorpusDocument>({
      fields: ['title', 'body'],
      processTerm,
      searchOptions: {
        boost: { title: 2 },
        // Short terms match too much by prefix or by typo; long ones benefit from both.
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    this.miniSearch.addAll([...documents]);
  }

  /** The best `limit` documents for a query, best first; empty when nothing matches. */
  query(text: string, limit: number): CorpusHit[] {
    return this.miniSearch
      .search(text)
      .slice(0, limit)
      .map((result) => {
        const document = this.documents[result.id as number]!;
        return {
          source: document.source,
          title: document.title,
          snippet: bestSnippet(document.body, result.terms, tokenize, SEARCH_SNIPPET_LENGTH),
          score: result.score,
        };
      });
  }
}

const cache = new Map<string, Promise<CorpusIndex>>();

/**
 * The index for a corpus directory, read and built on first use and cached by directory. A
 * failed build is not cached, so a corpus that appears later is picked up.
 */
export function loadCorpusIndex(directory: string = DEFAULT_CORPUS_DIRECTORY): Promise<CorpusIndex> {
  const key = path.resolve(directory);
  let pending = cache.get(key);
  if (!pending) {
    pending = readCorpusDocuments(key).then((documents) => {
      if (documents.length === 0) throw new CorpusError(`the corpus directory ${key} holds no .md, .txt or .html documents`);
      return new CorpusIndex(key, documents);
    });
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
