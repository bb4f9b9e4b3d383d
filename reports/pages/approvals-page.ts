// The approvals page (`/approvals`, `/api/approvals`): the gated tool calls that wait for a person,
// the one that has waited longest first, each with its run, tool, permission, arguments and the
// context the agent had; then the most recent decisions, with who decided, when, why, whether the
// call has run, the run's trace, and the command that resumes a run still paused. Deciding is a POST
// to the JSON API (decision-routes.ts), which the page's script sends.
import type { AgentRunRecord, AgentRunStatus, ApprovalRecord, StoreBackend } from '../../store/index.js';
import { deciderNameMaxCharacters, decisionTextMaxCharacters, pendingApprovalsShown, recentApprovalDecisions } from '../constants.js';
import { definePage } from '../report-page.js';

/** The agent run a gated call belongs to, as far as the page shows it. */
export interface ApprovalRun {
  status: AgentRunStatus;
  /** The agent pattern the run was started with (the approval's `agent` may be one of its workers). */
  agent: string;
  model: string;
  goal: string;
  traceId?: string;
}

export interface ApprovalEntry extends ApprovalRecord {
  /** The arguments as pretty-printed JSON. */
  argumentsText: string;
  /** How long a pending call has waited, in milliseconds. */
  waitedMs?: number;
  /** Absent when the run is no longer in the store. */
  run?: ApprovalRun;
  /** `agentlab run --resume <run id>`, while the run waits for someone to resume it. */
  resumeCommand?: string;
}

export interface ApprovalsPageData {
  /** The clock the waits were measured against. */
  now: number;
  /** Whether deciding needs the server's bearer token (the page then asks for it). */
  tokenRequired: boolean;
  /** The longest reason and name a decision takes, in characters. */
  limits: { text: number; name: number };
  /** How many calls wait in all (the list holds at most pendingApprovalsShown of them). */
  pendingCount: number;
  /** Oldest request first. */
  pending: ApprovalEntry[];
  /** The most recent decisions, newest first. */
  decided: ApprovalEntry[];
}

/** Runs that a resume would continue: paused at a gate, or whose process stopped. */
const resumableStatuses: ReadonlySet<AgentRunStatus> = new Set(['awaiting_approval', 'interrupted']);

/** What `agentlab run` prints when it pauses, so the page and the terminal give the same advice. */
function resumeCommand(runId: string): string {
  return `agentlab run --resume ${runId}`;
}

function runOf(record: AgentRunRecord): ApprovalRun {
  return { status: record.status, agent: record.agent, model: record.model, goal: record.goal, ...(record.traceId !== undefined ? { traceId: record.traceId } : {}) };
}

async function entries(store: StoreBackend, approvals: readonly ApprovalRecord[], now: number): Promise<ApprovalEntry[]> {
  // A run pauses once per gated call, so several approvals often share one run: read each run once.
  const runIds = [...new Set(approvals.map((approval) => approval.runId))];
  const records = await Promise.all(runIds.map((runId) => store.agentRuns.get(runId)));
  const runs = new Map<string, ApprovalRun | undefined>(runIds.map((runId, index) => [runId, records[index] ? runOf(records[index]) : undefined]));
  return approvals.map((approval) => {
    const run = runs.get(approval.runId);
    return {
      ...approval,
      argumentsText: JSON.stringify(approval.arguments, null, 2),
      ...(approval.status === 'pending' ? { waitedMs: Math.max(0, now - approval.requestedAt) } : {}),
      ...(run ? { run } : {}),
      ...(approval.status !== 'pending' && run && resumableStatuses.has(run.status) ? { resumeCommand: resumeCommand(approval.runId) } : {}),
    };
  });
}

/** The newest decisions of both kinds, by when they were decided. */
async function recentDecisions(store: StoreBackend): Promise<ApprovalRecord[]> {
  const [approved, rejected] = await Promise.all([store.approvals.list({ status: 'approved', limit: recentApprovalDecisions }), store.approvals.list({ status: 'rejected', limit: recentApprovalDecisions })]);
  const decided = [...approved, ...rejected];
  return decided.sort((first, second) => (second.decidedAt ?? 0) - (first.decidedAt ?? 0)).slice(0, recentApprovalDecisions);
}

export const approvalsPage = definePage<ApprovalsPageData>({
  path: '/approvals',
  apiPath: '/api/approvals',
  view: 'approvals',
  nav: 'approvals',
  title: () => 'Approvals',
  async load(_request, { store, now, tokenRequired }) {
    const at = now();
    const [pending, pendingCount, decided] = await Promise.all([store.approvals.list({ status: 'pending', oldestFirst: true, limit: pendingApprovalsShown }), store.approvals.pendingCount(), recentDecisions(store)]);
    return {
      now: at,
      tokenRequired,
      limits: { text: decisionTextMaxCharacters, name: deciderNameMaxCharacters },
      pendingCount,
      pending: await entries(store, pending, at),
      decided: await entries(store, decided, at),
    };
  },
});
