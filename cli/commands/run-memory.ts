// Memory for `agentlab run`: the remember and recall tools in the run's namespace (on unless
// --no-memory), and the run recorded as an episode when it ends (unless --no-episodes). The
// embedding model is opened before the run, so a bad reference or a missing key stops it up front.
import { episodeFromResult, openMemory } from '../../agents/index.js';
import type { AgentResult, EpisodicMemory, MemoryToolsOptions } from '../../agents/index.js';
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_MEMORY_NAMESPACE } from '../../agents/index.js';
import type { AgentlabConfig, ModelProvider } from '../../models/index.js';
import type { EpisodeRecord, StoreBackend } from '../../store/index.js';
import { toTerminalText } from '../terminal-text.js';

export interface RunMemoryFlags {
  /** false with --no-memory. */
  memory: boolean;
  /** false with --no-episodes. */
  episodes: boolean;
  memoryNamespace?: string;
  embeddingModel?: string;
}

export interface RunMemory {
  namespace: string;
  /** What the registry needs to offer remember and recall. */
  tools: MemoryToolsOptions;
  episodic: EpisodicMemory | undefined;
}

export async function openRunMemory(
  flags: RunMemoryFlags,
  wiring: { config: AgentlabConfig; provider: ModelProvider; store: Pick<StoreBackend, 'memories' | 'episodes' | 'location'>; agent: string },
): Promise<RunMemory | undefined> {
  if (!flags.memory) return undefined;
  const namespace = flags.memoryNamespace ?? wiring.config.memory?.namespace ?? DEFAULT_MEMORY_NAMESPACE;
  const embeddingModel = flags.embeddingModel ?? wiring.config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL;
  const { longTerm, episodic } = await openMemory({ store: wiring.store, provider: wiring.provider, embeddingModel });
  return { namespace, tools: { memory: longTerm, namespace, agent: wiring.agent }, episodic: flags.episodes ? episodic : undefined };
}

/**
 * Records the finished run (whatever its status: a failed run teaches most) and says so on stderr.
 * A failure to record is a warning: the run itself has happened and its result stands.
 */
export async function recordRunEpisode(
  memory: RunMemory | undefined,
  run: { goal: string; agent: string; model: string; result: AgentResult },
  output: { quiet: boolean; writeError: (text: string) => void },
): Promise<EpisodeRecord | undefined> {
  if (!memory?.episodic) return undefined;
  try {
    const episode = await memory.episodic.recordEpisode(episodeFromResult(run.goal, run.result, { agent: run.agent, model: run.model, namespace: memory.namespace }));
    if (!output.quiet) output.writeError(`Recorded episode ${episode.id} in namespace ${toTerminalText(episode.namespace)}: agentlab memory list --episodes\n`);
    return episode;
  } catch (error) {
    output.writeError(`warning: the run was not recorded as an episode: ${toTerminalText(error instanceof Error ? error.message : String(error))}\n`);
    return undefined;
  }
}
