// The errors of a run in one line for a gate: `2 × model_call_failed: … connection refused: http://…`,
// the most frequent kinds first, so the line that fails a CI job names the cause.
import type { ErrorGroup } from '../statistics/index.js';
import { GATE_ERROR_GROUPS_SHOWN } from './constants.js';

export function describeErrorGroups(groups: readonly ErrorGroup[], shown = GATE_ERROR_GROUPS_SHOWN): string {
  const named = groups.slice(0, shown).map((group) => `${group.count} × ${group.code}: ${group.message.replace(/\s+/g, ' ').trim()}`);
  const more = groups.length > shown ? [`${groups.length - shown} more kinds`] : [];
  return [...named, ...more].join('; ');
}
