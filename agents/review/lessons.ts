// Lessons from similar past tasks: the lessons of the episodes whose goals are most like a run's goal
// (corrections and rejections in the review queue become such episodes, decide-review.ts), kept only
// above a minimum similarity so unrelated lessons stay out. Before any embedding call, one indexed read
// checks that the namespace holds a lesson at all, so runs against a store without lessons pay nothing.
import { trace } from '@opentelemetry/api';
import type { ModelProvider } from '../../models/index.js';
import type { StoreBackend } from '../../store/index.js';
import { AgentlabAttribute, AgentlabEvent } from '../../tracing/index.js';
import type { AgentFunction } from '../core/run-agent.js';
import { checkNamespace, openEpisodicMemory, type EpisodeStore, type EpisodicMemory } from '../memory/index.js';
import { LESSON_QUERY_MAX_LENGTH, LESSON_RECALL_K, MIN_LESSON_SIMILARITY } from './constants.js';
import { boundLesson } from './review-lesson.js';

/** A lesson put in a run's system prompt, and where it came from. */
export interface RecalledLesson {
  episodeId: number;
  /** At most MAX_LESSON_LENGTH characters. */
  text: string;
  /** Cosine similarity of the episode's goal to the run's. */
  similarity: number;
}

export interface RecallLessonsOptions {
  /** `default` when absent. */
  namespace?: string;
  /** LESSON_RECALL_K (3) by default. */
  k?: number;
  /** MIN_LESSON_SIMILARITY (0.35) by default. */
  minSimilarity?: number;
  signal?: AbortSignal;
}

/** Whether the namespace holds an episode with a lesson: one indexed read, no embedding call. */
export async function storeHasLessons(store: Pick<StoreBackend, 'episodes'>, namespace: string): Promise<boolean> {
  return (await store.episodes.list({ namespace, withLessonsOnly: true, limit: 1 })).length > 0;
}

/** The lessons of the k episodes most like the goal, above the minimum similarity, most similar first. */
export async function recallLessons(episodic: EpisodicMemory, goal: string, options: RecallLessonsOptions = {}): Promise<RecalledLesson[]> {
  const minimum = options.minSimilarity ?? MIN_LESSON_SIMILARITY;
  const recalled = await episodic.recallEpisodes(goal.slice(0, LESSON_QUERY_MAX_LENGTH), {
    k: options.k ?? LESSON_RECALL_K,
    withLessonsOnly: true,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return recalled
    .filter(({ episode, similarity }) => similarity >= minimum && episode.lesson !== undefined && episode.lesson.trim() !== '')
    .map(({ episode, similarity }) => ({ episodeId: episode.id, text: boundLesson(episode.lesson!), similarity }));
}

/** Lessons for the runs of one namespace, with the embedding model opened. */
export class LessonRecall {
  constructor(
    private readonly episodic: EpisodicMemory,
    readonly namespace: string,
  ) {}

  recall(goal: string, signal?: AbortSignal): Promise<RecalledLesson[]> {
    return recallLessons(this.episodic, goal, { namespace: this.namespace, ...(signal ? { signal } : {}) });
  }
}

export interface OpenLessonsOptions {
  /** SQLite (SqliteStoreBackend) or PostgreSQL. */
  store: EpisodeStore;
  provider: ModelProvider;
  namespace: string;
  /** The embedding model's reference (the one decideReview recorded the episodes with). */
  embeddingModel: string;
}

/**
 * A LessonRecall when the namespace holds a lesson; undefined otherwise, with nothing opened and no
 * embedding call made. Throws AGENTLAB_MEMORY_INPUT_INVALID for a bad namespace and the model factory's
 * errors for a bad embedding model reference.
 */
export async function openLessons(options: OpenLessonsOptions): Promise<LessonRecall | undefined> {
  const namespace = checkNamespace(options.namespace);
  if (!(await storeHasLessons(options.store, namespace))) return undefined;
  const episodic = await openEpisodicMemory({ store: options.store, provider: options.provider, embeddingModel: options.embeddingModel });
  return new LessonRecall(episodic, namespace);
}

/**
 * The agent, recording on the run's root span an `agentlab.lessons` event: how many lessons were put in
 * the system prompt, their episodes and namespace, and their texts only when content is captured.
 */
export function withLessonsEvent(agent: AgentFunction, lessons: readonly RecalledLesson[], options: { namespace: string; captureContent?: boolean }): AgentFunction {
  return (goal, run) => {
    // Called inside the root `invoke_agent` span, which is then the active one.
    trace.getActiveSpan()?.addEvent(AgentlabEvent.lessons, {
      [AgentlabAttribute.lessonsCount]: lessons.length,
      [AgentlabAttribute.lessonsEpisodeIds]: lessons.map((lesson) => lesson.episodeId),
      [AgentlabAttribute.lessonsNamespace]: options.namespace,
      ...(options.captureContent ? { [AgentlabAttribute.lessonsTexts]: lessons.map((lesson) => lesson.text) } : {}),
    });
    return agent(goal, run);
  };
}
