// A case result as the run page lists it and the live stream sends it: identity, verdict, the
// reasons of the checks that failed (shown on the collapsed row), usage, a preview of the output, the
// trace to open, and the case card its expansion shows (goal, expectations, every check's verdict).
import type { CaseDefinition, CaseResultRecord, CheckResult } from '../store/index.js';
import { caseCard } from './case-card.js';
import type { CaseCard } from './case-card.js';
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
  tags: string[];
  /** The case's goal and expectations (when the store kept its definition) and this result's checks, failed first. */
  card: CaseCard;
}

/** `definition` is the case as the run's dataset had it; without one the card says it was not recorded. */
export function toResultRow(result: CaseResultRecord, definition?: CaseDefinition): ResultRow {
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
    tags: result.tags,
    card: caseCard(result.caseId, definition, result.checks),
  };
}
