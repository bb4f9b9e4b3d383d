// What `agentlab run` prints when a run ends: the answer and a summary on stdout (or the whole result
// as JSON with --json), with the run's id, so that `agentlab approvals list --run <id>` finds its decisions.
import type { AgentResult } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';
import type { TraceSummary } from '../../tracing/index.js';
import type { CliContext } from '../cli-context.js';
import { formatRunSummary } from '../format-run-summary.js';
import { toTerminalText } from '../terminal-text.js';

export interface RunReportDetails {
  runId: string;
  model: ModelHandle;
  json: boolean;
  wallTimeMs: number;
  keptSandbox: string | undefined;
  trace: { summary: TraceSummary; exportedTo?: string; exportFailed?: boolean } | undefined;
}

export function reportRun(context: CliContext, outcome: AgentResult, details: RunReportDetails): void {
  if (details.json) {
    context.writeOut(`${JSON.stringify({ runId: details.runId, ...outcome, ...(details.trace ? { traceSummary: details.trace.summary } : {}) }, null, 2)}\n`);
    if (details.keptSandbox !== undefined) context.writeError(`Sandbox kept at ${details.keptSandbox}\n`);
    return;
  }
  if (outcome.output !== '') context.writeOut(`${toTerminalText(outcome.output).trimEnd()}\n\n`);
  context.writeOut(
    formatRunSummary(outcome, {
      runId: details.runId,
      prices: details.model.prices,
      wallTimeMs: details.wallTimeMs,
      keptSandbox: details.keptSandbox,
      ...(details.trace ? { trace: details.trace } : {}),
    }),
  );
}
