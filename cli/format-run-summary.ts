// The block `agentlab run` prints after the answer: how the run ended, its calls, tokens, cost and time.
import type { AgentResult } from '../agents/index.js';
import { costUsd } from '../models/index.js';
import type { TokenPrices } from '../models/index.js';
import type { TraceSummary } from '../tracing/index.js';
import { SUMMARY_ERROR_MAX_LENGTH } from './constants.js';
import { toTerminalLine } from './terminal-text.js';

export interface RunSummaryDetails {
  /** The agent run's id in the store (agentlab run --resume, agentlab approvals list --run). */
  runId?: string;
  /** USD per million tokens of the model used; cost is "unknown" without them. */
  prices?: TokenPrices;
  wallTimeMs: number;
  /** The sandbox directory, when it is kept after the run. */
  keptSandbox?: string;
  /** The run's trace, summarised from its spans, and where it was exported over OTLP. */
  trace?: { summary: TraceSummary; exportedTo?: string; exportFailed?: boolean };
}

const countFormat = new Intl.NumberFormat('en-US');
const costFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});

export function formatRunSummary(result: AgentResult, details: RunSummaryDetails): string {
  const modelCalls = result.steps.filter((step) => step.type === 'model_call').length;
  const toolCalls = result.steps.filter((step) => step.type === 'tool_call');
  const failedToolCalls = toolCalls.filter((step) => !step.ok).length;
  const cost = details.prices === undefined ? 'unknown (no prices for this model)' : costFormat.format(costUsd(result.usage, details.prices));
  const rows: Array<[string, string]> = [...(details.runId === undefined ? [] : [['run', details.runId] as [string, string]]), ['status', result.status]];
  if (result.error) {
    // The message may quote the model or an endpoint, so it is cleaned like any untrusted text.
    rows.push(['error', `${result.error.code}: ${toTerminalLine(result.error.message, SUMMARY_ERROR_MAX_LENGTH)}`]);
  }
  rows.push(
    ['model calls', countFormat.format(modelCalls)],
    ['tool calls', `${countFormat.format(toolCalls.length)} (${countFormat.format(failedToolCalls)} failed)`],
    ['tokens', `in ${countFormat.format(result.usage.inputTokens)} / out ${countFormat.format(result.usage.outputTokens)}`],
    ['cost', cost],
    ['wall time', `${(details.wallTimeMs / 1000).toFixed(2)} s`],
  );
  const counters = Object.entries(result.counters ?? {});
  if (counters.length > 0) rows.push(['counters', counters.map(([name, value]) => `${name} ${value}`).join(', ')]);
  if (details.trace) {
    const { summary, exportedTo, exportFailed } = details.trace;
    const traceCost = summary.costUsd === undefined ? 'cost unknown' : costFormat.format(summary.costUsd);
    rows.push(
      ['trace', summary.traceId],
      [
        'trace summary',
        `${countFormat.format(summary.spanCount)} spans: ${summary.agentRuns} agent, ${summary.modelCalls} model, ${summary.toolCalls} tool; ` +
          `tokens in ${countFormat.format(summary.inputTokens)} / out ${countFormat.format(summary.outputTokens)}; ${summary.totalLatencyMs.toFixed(0)} ms; ${traceCost}`,
      ],
    );
    if (exportedTo) rows.push(exportFailed ? ['not exported', `${exportedTo} (see the warning above)`] : ['exported to', exportedTo]);
  }
  if (details.keptSandbox !== undefined) rows.push(['sandbox', `${details.keptSandbox} (kept)`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}
