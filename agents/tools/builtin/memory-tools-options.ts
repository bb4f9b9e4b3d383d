// What the remember and recall tools are bound to: one run's long-term memory and the scope its
// facts are kept in (a namespace, and the agent they belong to).
import type { LongTermMemory } from '../../memory/index.js';

export interface MemoryToolsOptions {
  memory: LongTermMemory;
  /** E.g. `default`, a project's name, or one per eval case so cases do not see each other's facts. */
  namespace: string;
  /** The agent the facts belong to; it also recalls the facts every agent of the namespace shares. */
  agent: string;
  /** Stored with each fact the run remembers. */
  runId?: string;
}
