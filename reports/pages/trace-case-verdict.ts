// The eval case a trace belongs to, for the top of the trace page: its spans carry agentlab.run.id,
// agentlab.case.id and agentlab.epoch (eval/runner/run-case.ts), its agent span the agent; the store's
// result of that run and case with this trace (an index seek) gives the status, the model as agentlab
// names it (`sim:weak`, where spans say `weak`), and every check's verdict; the run's dataset hash
// gives the case's goal and expectations. A foreign trace has none of this.
import type { CaseStatus, StoreBackend } from '../../store/index.js';
import { AgentlabAttribute, GenAiAttribute } from '../../tracing/index.js';
import type { NormalizedSpan } from '../../tracing/index.js';
import { caseCard } from '../case-card.js';
import type { CaseCard } from '../case-card.js';

export interface TraceCaseVerdict {
  runId: string;
  caseId: string;
  /** From the result, else from the trace's agent span. */
  agent?: string;
  /** The model reference the eval ran (`sim:weak`); undefined when the store has no result for the trace. */
  model?: string;
  epoch?: number;
  /** Undefined when the store holds no result for this trace (its run was deleted, or is still writing it). */
  status?: CaseStatus;
  agentStatus?: string;
  error?: { code: string; message: string };
  /** What the agent answered, as the result recorded it. */
  output?: string;
  /** Goal, expectations and the result's checks, failed first. */
  card: CaseCard;
}

function firstText(entries: readonly NormalizedSpan[], name: string): string | undefined {
  for (const { span } of entries) {
    const value = span.attributes[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function firstNumber(entries: readonly NormalizedSpan[], name: string): number | undefined {
  for (const { span } of entries) {
    const value = span.attributes[name];
    if (typeof value === 'number' && Number.isInteger(value)) return value;
  }
  return undefined;
}

/** The outermost agent span's agent: the one the case ran, not a worker it delegated to. */
function rootAgent(entries: readonly NormalizedSpan[]): string | undefined {
  const ids = new Set(entries.map((entry) => entry.span.spanId));
  const agents = entries.filter((entry) => entry.view.type === 'agent');
  const outermost = agents.find((entry) => entry.span.parentSpanId === undefined || !ids.has(entry.span.parentSpanId)) ?? agents[0];
  return outermost ? (outermost.view.agent?.name ?? (typeof outermost.span.attributes[GenAiAttribute.agentName] === 'string' ? String(outermost.span.attributes[GenAiAttribute.agentName]) : undefined)) : undefined;
}

/** The case the trace belongs to with its verdict; undefined for a trace that names no run and case. */
export async function traceCaseVerdict(store: StoreBackend, traceId: string, entries: readonly NormalizedSpan[]): Promise<TraceCaseVerdict | undefined> {
  const runId = firstText(entries, AgentlabAttribute.runId);
  const caseId = firstText(entries, AgentlabAttribute.caseId);
  if (runId === undefined || caseId === undefined) return undefined;
  const epoch = firstNumber(entries, AgentlabAttribute.epoch);
  const agent = rootAgent(entries);
  const [result, run] = await Promise.all([store.traceCaseResult({ runId, caseId, traceId, ...(epoch !== undefined ? { epoch } : {}), ...(agent !== undefined ? { agent } : {}) }), store.getRun(runId)]);
  const definition = run ? await store.datasetCase(run.datasetHash, caseId) : undefined;
  if (!result) return { runId, caseId, ...(agent !== undefined ? { agent } : {}), ...(epoch !== undefined ? { epoch } : {}), card: caseCard(caseId, definition) };
  return {
    runId,
    caseId,
    agent: result.agent,
    model: result.model,
    epoch: result.epoch,
    status: result.status,
    agentStatus: result.agentStatus,
    ...(result.error ? { error: result.error } : {}),
    output: result.output,
    card: caseCard(caseId, definition, result.checks),
  };
}
