// Public surface of the corpus search behind search_web.
export { CorpusIndex, loadCorpusIndex } from './corpus-index.js';
export type { CorpusHit } from './corpus-index.js';
export { parseCorpusDocument, readCorpusDocuments } from './corpus-document.js';
export type { CorpusDocument } from './corpus-document.js';
