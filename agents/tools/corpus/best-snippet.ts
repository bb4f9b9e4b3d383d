// Picks the passage of a document that a search result shows: its lead paragraph (where the
// key facts usually are) and the paragraph that matches the query best, topped up with the
// paragraphs that follow, cut at a word boundary.
import { SNIPPET_LEAD_MIN_LENGTH } from '../constants.js';

/** Paragraph text on one line, so results stay compact. */
function flatten(paragraph: string): string {
  return paragraph.replace(/\s+/g, ' ').trim();
}

function cutAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/**
 * @param tokenize the tokenizer the index uses, so the paragraph's words compare like the terms
 * @param matchedTerms the index terms the query matched in this document (already lowercased)
 */
export function bestSnippet(
  body: string,
  matchedTerms: readonly string[],
  tokenize: (text: string) => string[],
  maxLength: number,
): string {
  const paragraphs = body.split(/\n\s*\n/).map(flatten).filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) return '';
  const wanted = new Set(matchedTerms);
  let bestIndex = 0;
  let bestScore = 0;
  paragraphs.forEach((paragraph, index) => {
    const words = new Set(tokenize(paragraph).map((word) => word.toLowerCase()));
    const score = [...wanted].filter((term) => words.has(term)).length;
    if (score > bestScore) {
      bestScore = score;
      bestIndex = index;
    }
  });
  // The lead is the first paragraph with a sentence in it, not a heading or a navigation line.
  const leadIndex = Math.max(0, paragraphs.findIndex((paragraph) => paragraph.length >= SNIPPET_LEAD_MIN_LENGTH));
  const chosen = bestIndex > leadIndex ? [leadIndex, bestIndex] : [leadIndex];
  for (let index = chosen.at(-1)! + 1; index < paragraphs.length; index += 1) chosen.push(index);
  let snippet = '';
  for (const index of chosen) {
    if (snippet.length >= maxLength) break;
    snippet = snippet === '' ? paragraphs[index]! : `${snippet} ${paragraphs[index]!}`;
  }
  return cutAtWord(snippet, maxLength);
}
