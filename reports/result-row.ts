// A case result as the run page lists it and the live stream sends it: identity, verdict, the
// reasons of the checks that failed, usage, a preview of the output and the trace to open.
import type { CaseResultRecord, CheckResult } from '../store/index.js';
import { outputPreviewCharacters } from './constants.js';

export interface ResultRow {
  caseId: string;
  agent: string;
  model: string;
  epoch: number;
  status: CaseResultRecord['status'];
  agentStatus: string;
  /** Only the checks that failed, with their reasons. */
  failedChecks: CheckResult[];
  checkCount: number;
  error?: { code: string; message: string };
  /** The first outputPreviewCharacters characters of the output. */
  outputPreview: string;
  outputTruncated: boolean;
  toolsCalled: string[];
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  latencyMs: number;
  traceId?: string;
}

export function toResultRow(result: CaseResultRecord): ResultRow {
  const truncated = result.output.length > outputPreviewCharacters;
  return {
    caseId: result.caseId,
    agent: result.agent,
    model: result.model,
    epoch: result.epoch,
    status: result.status,
    agentStatus: result.agentStatus,
    failedChecks: result.checks.filter((check) => !check.passed),
    checkCount: result.checks.length,
    ...(result.error ? { error: result.error } : {}),
    outputPreview: truncated ? result.output.slice(0, outputPreviewCharacters) : result.output,
    outputTruncated: truncated,
    toolsCalled: result.toolsCalled,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    ...(result.costUsd !== undefined ? { costUsd: result.costUsd } : {}),
    latencyMs: result.latencyMs,
    ...(result.traceId ? { traceId: result.traceId } : {}),
  };
}
