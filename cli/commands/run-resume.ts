// What `agentlab run --resume <id>` checks before it takes a run over, each refusal a usage error
// (exit 2) that says why and what to do: the run exists (a unique prefix will do), it waits for an
// approval or was interrupted, its settings, journal and sandbox are still usable, and no call of it still
// waits for a decision (unless --wait-for-approval). Also the run's kept sandbox, reopened as it is.
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { DEFAULT_MAX_READ_BYTES, DEFAULT_MAX_WRITE_BYTES, isAgentName, readJournal, Sandbox } from '../../agents/index.js';
import type { RunJournalEntry } from '../../agents/index.js';
import type { AgentRunRecord, StoreBackend } from '../../store/index.js';
import { CommandExit } from '../errors.js';
import { EXIT_USAGE } from '../constants.js';
import { toTerminalLine } from '../terminal-text.js';
import { describeCall } from './run-approval-gate.js';
import { readRunSettings, type RunSettings } from './run-settings.js';

export interface ResumableRun {
  record: AgentRunRecord;
  settings: RunSettings;
  /** What the run recorded, checked to be replayable. */
  journal: RunJournalEntry[];
}

export interface ResumeChecks {
  waitForApproval: boolean;
  /** How to decide an approval, as printed commands. */
  howToDecide: (approvalId: string) => string;
  writeError: (text: string) => void;
}

/** Says why on stderr and exits 2: nothing has been changed. */
export function refuse(writeError: (text: string) => void, reason: string): CommandExit {
  writeError(`error: ${reason}\n`);
  return new CommandExit(EXIT_USAGE, reason);
}

export async function resumableRun(store: Pick<StoreBackend, 'agentRuns' | 'approvals'>, idOrPrefix: string, checks: ResumeChecks): Promise<ResumableRun> {
  const id = await store.agentRuns.resolveId(idOrPrefix);
  const record = (await store.agentRuns.get(id))!;
  const cannot = `Run ${record.id} cannot be resumed`;
  if (record.status !== 'awaiting_approval' && record.status !== 'interrupted') {
    const why = record.status === 'running' ? 'it is running in another process' : `it has ended (${record.status})`;
    throw refuse(checks.writeError, `${cannot}: ${why}; only a run awaiting approval, or interrupted (its process gone), can be.`);
  }
  const read = readRunSettings(record.settings);
  if ('problem' in read) throw refuse(checks.writeError, `${cannot}: ${read.problem}.`);
  const { settings } = read;
  if (!isAgentName(settings.agent)) throw refuse(checks.writeError, `${cannot}: its agent ${toTerminalLine(settings.agent, 100)} is not a built-in agent.`);
  if (!statSync(settings.sandbox, { throwIfNoEntry: false })?.isDirectory()) {
    throw refuse(checks.writeError, `${cannot}: its sandbox ${settings.sandbox} no longer exists.`);
  }
  let journal: RunJournalEntry[];
  try {
    journal = readJournal(record.journal);
  } catch (error) {
    throw refuse(checks.writeError, `${cannot}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const pending = await store.approvals.list({ runId: record.id, status: 'pending' });
  if (pending.length > 0 && !checks.waitForApproval) {
    const approval = pending[0]!;
    throw refuse(
      checks.writeError,
      `${cannot} yet: approval ${approval.id} (${describeCall(approval.tool, approval.arguments)}) is still pending. Decide it first:\n${checks.howToDecide(approval.id)}\n` +
        `or resume with --wait-for-approval to wait here for the decision.`,
    );
  }
  return { record, settings, journal };
}

/** The sandbox a paused run kept, used as it is: no fixtures copied over what the run has done. */
class KeptSandbox extends Sandbox {
  override materialize(): Promise<void> {
    return Promise.resolve();
  }

  override async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export function reopenSandbox(root: string): Sandbox {
  return new KeptSandbox(root, { maxReadBytes: DEFAULT_MAX_READ_BYTES, maxWriteBytes: DEFAULT_MAX_WRITE_BYTES });
}
