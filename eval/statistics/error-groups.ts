// Errored results grouped by what went wrong (code and message), most frequent first: a dead
// endpoint makes hundreds of identical errors, and a person needs to read the one line they share,
// with its URL, not the hundreds.

export interface ErrorGroup {
  /** `model_call_failed`, `case_timeout`, `agent_crashed`… */
  code: string;
  /** As the first result of the group had it: for an endpoint that could not be reached, the URL tried. */
  message: string;
  /** Results with this code and message. */
  count: number;
}

/** The results' errors grouped by code and message, by count (ties in order of first appearance). A result without an error is skipped. */
export function groupErrors(results: Iterable<{ error?: { code: string; message: string } }>): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const { error } of results) {
    if (!error) continue;
    const key = JSON.stringify([error.code, error.message]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { code: error.code, message: error.message, count: 1 });
  }
  // Array.prototype.sort is stable: equal counts keep their first-appearance order.
  return [...groups.values()].sort((left, right) => right.count - left.count);
}
