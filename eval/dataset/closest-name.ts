// "Did you mean …?": the accepted name nearest to a misspelt one, when one is near enough to be a typo.

/** The candidate closest to `name` by edit distance, ignoring case and `-` versus `_`; undefined if none is close. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const normalise = (text: string) => text.toLowerCase().replace(/-/g, '_');
  const wanted = normalise(name);
  // A third of the name may be wrong: catches `expected_tool` and `tag` without suggesting `goal` for `tools`.
  const tolerance = Math.max(1, Math.floor(wanted.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance <= tolerance && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= second.length; column += 1) {
      const substitution = previous[column - 1] + (first[row - 1] === second[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column] + 1, current[column - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[second.length];
}
