// Keeps the journal of an `agentlab run` in the store as it grows, so that a run whose process dies
// resumes from its last step. The agent awaits every save (RunJournal.record), so a step is durable
// before the next model or tool call even on a store over the network. Saves go one at a time, in
// order: an earlier, slower write never lands after a later one. Each is conditional on the run's
// claim; a refused save means another process took the run over, said once as a warning.
import type { RunJournalEntry } from '../../agents/index.js';
import type { StoreBackend } from '../../store/index.js';
import type { RunHold } from './run-approval-gate.js';

export class RunJournalSaver {
  private last: Promise<void> = Promise.resolve();
  private refused = false;

  constructor(
    private readonly store: Pick<StoreBackend, 'agentRuns'>,
    /** Read at each save: a gate that claims the run again updates its claim. */
    private readonly hold: RunHold,
    private readonly writeError: (text: string) => void,
  ) {}

  /** Saves the journal as it is now; resolves once it is in the store, rejects with the store's error. */
  save(entries: readonly RunJournalEntry[]): Promise<void> {
    const snapshot = [...entries];
    const saving = this.last.then(async () => {
      const kept = await this.store.agentRuns.save(this.hold.runId, this.hold.claim, snapshot, Date.now());
      if (kept || this.refused) return;
      this.refused = true;
      this.writeError(`warning: run ${this.hold.runId} is no longer held by this process; its journal is not being saved.\n`);
    });
    this.last = saving.catch(() => undefined);
    return saving;
  }

  /** Resolves once every save asked for so far has ended, so that a pause or finish is written after them. */
  settled(): Promise<void> {
    return this.last;
  }
}
