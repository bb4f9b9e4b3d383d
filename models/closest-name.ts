// "Did you mean …?" for names a user types (model references, simulator profiles): the accepted name
// nearest to a misspelt one, when one is near enough to be a typo. Edit distance is fastest-levenshtein's.
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `name`, ignoring case; undefined when none is within a third of the name's length (at least 1). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const tolerance = Math.max(1, Math.floor(wanted.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const away = distance(wanted, candidate.toLowerCase());
    if (away <= tolerance && (best === undefined || away < best.distance)) best = { candidate, distance: away };
  }
  return best?.candidate;
}
