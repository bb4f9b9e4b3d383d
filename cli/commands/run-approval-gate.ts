// The approval gate of `agentlab run`. Every gated call is recorded in the store as an approval; a
// decision already there (a resumed run reaching the call it paused at) applies at once. Otherwise
// the run is paused in the store (status awaiting_approval, its journal kept) and, by how the run was
// started: asked at the terminal while the store is watched, whichever decides first winning
// (`terminal`); waited for in the store (`wait`); or left paused for `agentlab run --resume` (`pause`).
// A decision that arrives while this process waits makes it claim the run again and go on. An
// approved call runs only for the one caller that marks it executed, so it runs at most once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApprovalRecord, StoreBackend } from '../../store/index.js';
import type { GateDecision, RunApprovalGate, RunApprovalRequest, RunJournalEntry } from '../../agents/index.js';
import type { ApprovalPrompt } from '../approval-prompt.js';
import { toTerminalLine } from '../terminal-text.js';
import { PROGRESS_TEXT_MAX_LENGTH } from '../constants.js';

export type GateMode = 'terminal' | 'wait' | 'pause';

/** The run this process holds: its id and the claim its writes are conditional on. */
export interface RunHold {
  runId: string;
  claim: number;
}

export interface CliApprovalGateOptions {
  store: Pick<StoreBackend, 'agentRuns' | 'approvals'>;
  hold: RunHold;
  goal: string;
  mode: GateMode;
  /** For `terminal`. */
  prompt?: ApprovalPrompt;
  /** Recorded as decided_by for an answer typed at the terminal. */
  user: string;
  now: () => number;
  pollIntervalMs: number;
  writeError: (text: string) => void;
  /** The commands (or page) that decide an approval, for the messages. */
  howToDecide: (approvalId: string) => string;
  /** The run's journal so far, written when it pauses. */
  journal: () => readonly RunJournalEntry[];
  /** Resolves once the journal's saves under way have ended, so that the pause is written after them. */
  journalSaved: () => Promise<void>;
  /** Delivers the spans ended so far, so that a wait cut short by a kill keeps them. */
  flush: () => Promise<void>;
}

/** What the run stopped at, when the gate paused it. */
export interface GatePause {
  approvalId: string;
  /** Another process claimed the run while this one waited: it goes on there, not here. */
  claimLost: boolean;
}

function isAlreadyDecided(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'AGENTLAB_APPROVAL_ALREADY_DECIDED';
}

export function describeCall(tool: string, parameters: Record<string, unknown>): string {
  return toTerminalLine(`${tool} ${JSON.stringify(parameters)}`, PROGRESS_TEXT_MAX_LENGTH);
}

export function describeDecision(approval: ApprovalRecord): string {
  const by = approval.decidedBy === undefined ? '' : ` by ${toTerminalLine(approval.decidedBy, 100)}`;
  const at = approval.decidedAt === undefined ? '' : ` at ${new Date(approval.decidedAt).toISOString()}`;
  const reason = approval.reason === undefined ? '' : `: ${toTerminalLine(approval.reason, PROGRESS_TEXT_MAX_LENGTH)}`;
  return `${approval.status}${by}${at}${reason}`;
}

export class CliApprovalGate {
  /** Set when the gate paused the run; the run then ends with `awaiting_approval`. */
  paused: GatePause | undefined;
  private stopWait: AbortController | undefined;

  constructor(private readonly options: CliApprovalGateOptions) {}

  readonly gate: RunApprovalGate = async (request) => {
    const { store, hold, now } = this.options;
    let approval = await store.approvals.request({
      runId: hold.runId,
      callId: request.callId,
      agent: request.agent,
      tool: request.toolName,
      permission: request.permission,
      arguments: request.arguments,
      goal: this.options.goal,
      context: request.context,
      requestedAt: now(),
    });
    if (approval.status === 'pending') {
      request.onPending(approval.id);
      this.paused = { approvalId: approval.id, claimLost: false };
      // A process that waits may be killed while it does: the spans so far (the pause's own included)
      // reach the store before the run reads as paused, so a resume's trace shows where it stopped.
      if (this.options.mode !== 'pause') await this.options.flush().catch(() => undefined);
      await this.options.journalSaved();
      if (!(await store.agentRuns.pause(hold.runId, hold.claim, [...this.options.journal()], now()))) return this.lose(approval.id);
      if (this.options.mode === 'pause') return { status: 'paused', approvalId: approval.id };
      const decided = await this.waitForDecision(approval, request);
      if (!decided) return { status: 'paused', approvalId: approval.id };
      const claim = await store.agentRuns.claim(hold.runId, now());
      if (claim === undefined) return this.lose(approval.id);
      hold.claim = claim;
      this.paused = undefined;
      approval = decided;
    }
    return this.verdict(approval);
  };

  /** Ctrl-C while a decision is awaited: stop waiting and leave the run paused. False when nothing was awaited. */
  interruptWait(): boolean {
    if (!this.stopWait || this.stopWait.signal.aborted) return false;
    this.stopWait.abort();
    return true;
  }

  private lose(approvalId: string): GateDecision {
    this.paused = { approvalId, claimLost: true };
    return { status: 'paused', approvalId };
  }

  private async verdict(approval: ApprovalRecord): Promise<GateDecision> {
    const decided = { by: approval.decidedBy ?? 'unknown', at: approval.decidedAt ?? this.options.now(), approvalId: approval.id, ...(approval.reason === undefined ? {} : { reason: approval.reason }) };
    if (approval.status === 'rejected') return { status: 'rejected', ...decided };
    if (!(await this.options.store.approvals.markExecuted(approval.id, this.options.now()))) {
      // Only a process that ran the call and died before recording its result leaves it marked.
      return { status: 'rejected', by: 'agentlab', at: this.options.now(), approvalId: approval.id, reason: `it was approved (${describeDecision(approval)}), but an earlier attempt of this run already ran it and its result was lost; it is not run twice` };
    }
    return { status: 'approved', ...decided };
  }

  private async waitForDecision(approval: ApprovalRecord, request: RunApprovalRequest): Promise<ApprovalRecord | undefined> {
    const { writeError, mode } = this.options;
    const stop = new AbortController();
    this.stopWait = stop;
    const call = describeCall(approval.tool, approval.arguments);
    if (mode === 'wait') {
      writeError(`Run ${this.options.hold.runId} waits for approval ${approval.id}: ${call} (${toTerminalLine(approval.agent, 100)}).\n${this.options.howToDecide(approval.id)}\nWaiting for the decision; Ctrl-C leaves the run waiting.\n`);
    } else {
      writeError(`Approval ${approval.id}: answer here, or decide elsewhere with\n${this.options.howToDecide(approval.id)}\n`);
    }
    const sources = [this.watchStore(approval.id, stop.signal)];
    if (mode === 'terminal' && this.options.prompt) sources.push(this.askTerminal(approval, request, stop.signal));
    try {
      const decided = await Promise.race(sources);
      if (decided) writeError(`Approval ${approval.id} was ${describeDecision(decided)}.\n`);
      return decided;
    } finally {
      stop.abort();
      this.stopWait = undefined;
    }
  }

  /** Resolves with the approval once it is decided, or undefined when the wait is stopped. */
  private async watchStore(approvalId: string, signal: AbortSignal): Promise<ApprovalRecord | undefined> {
    while (!signal.aborted) {
      const approval = await this.options.store.approvals.get(approvalId);
      if (approval && approval.status !== 'pending') return approval;
      await sleep(this.options.pollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
    return undefined;
  }

  /** The terminal's answer, recorded through the store like any decision; a decision made first elsewhere stands. */
  private async askTerminal(approval: ApprovalRecord, request: RunApprovalRequest, signal: AbortSignal): Promise<ApprovalRecord | undefined> {
    const { store, writeError } = this.options;
    const answer = await this.options.prompt!.ask(request, signal);
    if (answer === 'none') {
      if (signal.aborted) return undefined;
      writeError('The terminal input ended; waiting for a decision from agentlab approvals or the approvals page (Ctrl-C leaves the run waiting).\n');
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    }
    const decision = answer === 'approve' ? ({ decision: 'approved', reason: 'approved at the terminal' } as const) : ({ decision: 'rejected', reason: 'rejected at the terminal' } as const);
    try {
      return await store.approvals.decide(approval.id, { ...decision, by: this.options.user, at: this.options.now() });
    } catch (error) {
      if (!isAlreadyDecided(error)) throw error;
      const current = (await store.approvals.get(approval.id))!;
      writeError(`Someone decided first: approval ${approval.id} was already ${describeDecision(current)}; that decision stands.\n`);
      return current;
    }
  }
}
