// Memory for the cells of an eval: which scope each cell remembers and recalls in, and the episode
// each finished cell records. By default every cell (run × case × model × epoch) has a namespace of
// its own, so no case, epoch or model sees what another remembered and an eval's results do not
// depend on the order cells ran in; a user who wants cells to share (facts seeded with
// `agentlab memory add --namespace kb`) names the namespace. Episodes go to `eval/<run id>` unless
// a namespace is named. The store (SQLite or PostgreSQL) is attached once the eval has checked everything
// and opened it.
import type { AgentlabConfig, ModelProvider } from '../../models/index.js';
import type { AgentResult } from '../core/agent-result.js';
import type { MemoryToolsOptions } from '../tools/index.js';
import { DEFAULT_EMBEDDING_MODEL } from './constants.js';
import type { Embedder } from './embedder.js';
import { episodeFromResult } from './episode-summary.js';
import { EpisodicMemory } from './episodic-memory.js';
import { LongTermMemory } from './long-term-memory.js';
import { checkNamespace } from './memory-scope.js';
import type { MemoriesStore } from './open-memory.js';
import { createOpenAiEmbedder } from './openai-embedder.js';

export interface EvalMemoryOptions {
  embedder: Embedder;
  /** Offer remember and recall to the built-in agents. */
  tools: boolean;
  /** Record an episode for every finished cell. */
  episodes: boolean;
  /** One namespace every cell shares; a namespace per cell when absent. */
  namespace?: string;
  now?: () => number;
}

/** One cell of the matrix, as the target running it knows it. */
export interface EvalCell {
  runId: string;
  caseId: string;
  epoch: number;
  agent: string;
  /** The model reference. */
  model: string;
}

export interface CellMemory {
  /** For the cell's tool registry; absent when the eval offers no memory tools. */
  tools?: MemoryToolsOptions;
  /** Records the finished cell as an episode (when the eval records them); never throws. */
  recordEpisode(goal: string, result: AgentResult): Promise<void>;
}

export class EvalMemory {
  private readonly options: EvalMemoryOptions;
  private longTerm: LongTermMemory | undefined;
  private episodic: EpisodicMemory | undefined;
  private readonly failures: string[] = [];

  constructor(options: EvalMemoryOptions) {
    if (options.namespace !== undefined) checkNamespace(options.namespace);
    this.options = options;
  }

  get embeddingModel(): string {
    return this.options.embedder.model;
  }

  /** Tools a built-in agent has on top of the built-in ones. */
  get toolNames(): readonly string[] {
    return this.options.tools ? ['remember', 'recall'] : [];
  }

  /** Binds the store the eval writes into; cells run only after this. */
  attach(store: MemoriesStore): void {
    const shared = { store, embedder: this.options.embedder, ...(this.options.now ? { now: this.options.now } : {}) };
    this.longTerm = new LongTermMemory(shared);
    this.episodic = new EpisodicMemory(shared);
  }

  /** The namespace a cell remembers and recalls in. */
  namespaceFor(cell: EvalCell): string {
    return this.options.namespace ?? `eval/${cell.runId}/${cell.caseId}/${cell.model}/e${cell.epoch}`;
  }

  forCell(cell: EvalCell): CellMemory {
    const longTerm = this.longTerm;
    const episodic = this.episodic;
    if (!longTerm || !episodic) throw new Error('EvalMemory.attach(store) must be called before the cells run');
    const tools = this.options.tools ? { memory: longTerm, namespace: this.namespaceFor(cell), agent: cell.agent, runId: cell.runId } : undefined;
    return {
      ...(tools ? { tools } : {}),
      recordEpisode: async (goal, result) => {
        if (!this.options.episodes) return;
        try {
          await episodic.recordEpisode(episodeFromResult(goal, result, { agent: cell.agent, model: cell.model, namespace: this.options.namespace ?? `eval/${cell.runId}`, runId: cell.runId }));
        } catch (error) {
          // An episode is a by-product: the cell's result stands, and the eval says what failed at the end.
          this.failures.push(`${cell.caseId} (${cell.agent}, ${cell.model}, epoch ${cell.epoch}): ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    };
  }

  /** Cells whose episode could not be recorded, each with why. */
  episodeFailures(): readonly string[] {
    return this.failures;
  }
}

/** What an eval asks of memory: `agentlab eval --memory --episodes --memory-namespace kb`. */
export interface EvalMemorySettings {
  tools?: boolean;
  episodes?: boolean;
  namespace?: string;
  /** Over the config's memory.embeddingModel, else sim:strong. */
  embeddingModel?: string;
}

/**
 * Opens the embedding model when the eval turns memory tools or episodes on (undefined otherwise), so
 * a bad reference or a missing key stops the eval before any run is recorded.
 */
export async function openEvalMemory(
  settings: EvalMemorySettings | undefined,
  wiring: { provider: ModelProvider; config: AgentlabConfig; now?: () => number },
): Promise<EvalMemory | undefined> {
  if (!settings?.tools && !settings?.episodes) return undefined;
  const embeddingModel = settings.embeddingModel ?? wiring.config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL;
  const embedder = createOpenAiEmbedder(await wiring.provider.open(embeddingModel));
  return new EvalMemory({
    embedder,
    tools: settings.tools === true,
    episodes: settings.episodes === true,
    ...(settings.namespace === undefined ? {} : { namespace: settings.namespace }),
    ...(wiring.now ? { now: wiring.now } : {}),
  });
}
