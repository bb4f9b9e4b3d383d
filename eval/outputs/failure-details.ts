// What went wrong in one result, in short lines: each failed check's reason, the error, the agent's
// own status when it did not complete, and the trace id to look it up by.
import type { CaseResultRecord } from '../../store/index.js';
import { REASON_MAX_LENGTH } from './constants.js';
import { truncateText } from './truncate-text.js';

export function failureDetails(result: CaseResultRecord): string[] {
  const lines = result.checks.filter((check) => !check.passed).map((check) => `${check.check}: ${truncateText(check.reason, REASON_MAX_LENGTH)}`);
  if (result.error) lines.push(`${result.error.code}: ${truncateText(result.error.message, REASON_MAX_LENGTH)}`);
  if (lines.length === 0 && result.agentStatus !== 'completed') lines.push(`agent status: ${result.agentStatus}`);
  if (result.traceId) lines.push(`trace ${result.traceId}`);
  return lines;
}
