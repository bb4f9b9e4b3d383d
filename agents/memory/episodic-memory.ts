// Episodic memory: what runs were asked, what they did, how it went and, once a person has said,
// the lesson to take from them; recalled by the similarity of a new goal to theirs. The review
// queue sets lessons with setLesson and asks recallEpisodes(goal, { withLessonsOnly: true }) for the
// lessons that apply to a new goal.
import type { EpisodeListOptions, EpisodeRecord, StoreBackend } from '../../store/index.js';
import { DEFAULT_EPISODE_RECALL_K, DEFAULT_MEMORY_NAMESPACE, MAX_MEMORY_LENGTH, MAX_RECALL_K, MAX_RECALL_QUERY_LENGTH } from './constants.js';
import type { Embedder } from './embedder.js';
import { embeddingInvalid } from './errors.js';
import { checkAgentName, checkK, checkNamespace, checkText } from './memory-scope.js';

/** What episodic memory needs of a store (SQLite or PostgreSQL): its episodes, and where it is for messages. */
export type EpisodeStore = Pick<StoreBackend, 'episodes' | 'location'>;

export interface EpisodicMemoryOptions {
  store: EpisodeStore;
  embedder: Embedder;
  now?: () => number;
}

/** An episode to record; episodeFromResult makes one from an AgentResult. */
export interface EpisodeDraft {
  goal: string;
  /** A summary of what the run did (summarizeSteps). */
  steps: string;
  /** How it ended: the status, and why when it did not complete. */
  outcome: string;
  /** The run's answer. */
  output?: string;
  lesson?: string;
  agent: string;
  /** The model reference the agent ran on. */
  model: string;
  /** `default` when absent. */
  namespace?: string;
  runId?: string;
  traceId?: string;
}

export interface RecallEpisodesOptions {
  /** 3 by default. */
  k?: number;
  /** `default` when absent. */
  namespace?: string;
  /** Only this agent's episodes; every agent's when absent. */
  agent?: string;
  /** Only episodes a lesson has been set on. */
  withLessonsOnly?: boolean;
  signal?: AbortSignal;
}

export interface RecalledEpisode {
  episode: EpisodeRecord;
  /** Cosine similarity of its goal to the one asked about, −1 to 1. */
  similarity: number;
}

export class EpisodicMemory {
  private readonly store: EpisodeStore;
  private readonly embedder: Embedder;
  private readonly now: () => number;

  constructor(options: EpisodicMemoryOptions) {
    this.store = options.store;
    this.embedder = options.embedder;
    this.now = options.now ?? Date.now;
  }

  get embeddingModel(): string {
    return this.embedder.model;
  }

  /** Embeds the goal, then writes the episode and the goal's vector in one transaction. */
  async recordEpisode(draft: EpisodeDraft, options: { signal?: AbortSignal } = {}): Promise<EpisodeRecord> {
    checkText(draft.goal, 'episode goal', MAX_RECALL_QUERY_LENGTH);
    const lesson = draft.lesson === undefined ? undefined : checkText(draft.lesson, 'lesson', MAX_MEMORY_LENGTH);
    const namespace = checkNamespace(draft.namespace ?? DEFAULT_MEMORY_NAMESPACE);
    const agent = checkAgentName(draft.agent);
    const vector = await this.embedGoal(draft.goal, options.signal);
    return this.store.episodes.add({
      namespace,
      agent,
      model: draft.model,
      goal: draft.goal,
      steps: draft.steps,
      outcome: draft.outcome,
      output: draft.output ?? '',
      embeddingModel: this.embedder.model,
      embedding: vector,
      createdAt: this.now(),
      ...(lesson === undefined ? {} : { lesson }),
      ...(draft.runId === undefined ? {} : { runId: draft.runId }),
      ...(draft.traceId === undefined ? {} : { traceId: draft.traceId }),
    });
  }

  /** The k episodes whose goals are most like this one, most similar first. */
  async recallEpisodes(goal: string, options: RecallEpisodesOptions = {}): Promise<RecalledEpisode[]> {
    checkText(goal, 'goal', MAX_RECALL_QUERY_LENGTH);
    const namespace = checkNamespace(options.namespace ?? DEFAULT_MEMORY_NAMESPACE);
    const k = checkK(options.k ?? DEFAULT_EPISODE_RECALL_K, MAX_RECALL_K);
    const vector = await this.embedGoal(goal, options.signal);
    const nearest = await this.store.episodes.nearest(vector, k, {
      namespace,
      embeddingModel: this.embedder.model,
      ...(options.agent === undefined ? {} : { agent: checkAgentName(options.agent) }),
      ...(options.withLessonsOnly ? { withLessonsOnly: true } : {}),
    });
    return nearest.map(({ episode, distance }) => ({ episode, similarity: 1 - distance }));
  }

  /** Sets the lesson a person drew from the episode (undefined clears it). Throws AGENTLAB_EPISODE_NOT_FOUND. */
  async setLesson(episodeId: number, lesson: string | undefined): Promise<EpisodeRecord> {
    if (lesson !== undefined) checkText(lesson, 'lesson', MAX_MEMORY_LENGTH);
    return this.store.episodes.setLesson(episodeId, lesson);
  }

  get(episodeId: number): Promise<EpisodeRecord | undefined> {
    return this.store.episodes.get(episodeId);
  }

  /** Newest first. */
  list(options: EpisodeListOptions = {}): Promise<EpisodeRecord[]> {
    return this.store.episodes.list(options);
  }

  /** Removes the episodes with their vectors, all or none; returns how many. */
  forget(episodeIds: readonly number[]): Promise<number> {
    return this.store.episodes.forget(episodeIds);
  }

  private async embedGoal(goal: string, signal: AbortSignal | undefined): Promise<Float32Array> {
    const [vector] = await this.embedder.embed([goal], signal ? { signal } : {});
    const stored = await this.store.episodes.dimensionsOf(this.embedder.model);
    if (stored !== undefined && vector!.length !== stored) {
      throw embeddingInvalid(this.embedder.model, `returned a vector of ${vector!.length} numbers, but its vectors in the store at ${this.store.location} have ${stored}.`);
    }
    return vector!;
  }
}
