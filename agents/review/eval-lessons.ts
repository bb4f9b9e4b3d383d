// Lessons for the cells of an eval: the namespace and embedding model are known when the eval is set up,
// the store only later, so attach() checks once, before the run is recorded, whether the namespace holds
// a lesson, and opens the embedding model only then. A cell whose recall fails runs without lessons and
// the eval says so at the end: a lesson is help, never a reason to lose a result.
import type { ModelProvider } from '../../models/index.js';
import { checkNamespace, type EpisodeStore } from '../memory/index.js';
import { openLessons, type LessonRecall, type RecalledLesson } from './lessons.js';

export interface EvalLessonsSettings {
  namespace: string;
  embeddingModel: string;
}

export class EvalLessons {
  private recallFor: LessonRecall | undefined;
  private readonly failures: string[] = [];

  constructor(readonly settings: EvalLessonsSettings) {
    checkNamespace(settings.namespace);
  }

  get namespace(): string {
    return this.settings.namespace;
  }

  /** Opens the embedding model when the namespace holds a lesson; otherwise every cell runs as without lessons. */
  async attach(store: EpisodeStore, provider: ModelProvider): Promise<void> {
    this.recallFor = await openLessons({ store, provider, namespace: this.settings.namespace, embeddingModel: this.settings.embeddingModel });
  }

  /** Whether cells look for lessons (the namespace held one when the eval started). */
  get active(): boolean {
    return this.recallFor !== undefined;
  }

  /** The cell's lessons; undefined when the eval does not look for them or the recall failed (recorded for failures()). */
  async forCell(goal: string, cell: string, signal?: AbortSignal): Promise<RecalledLesson[] | undefined> {
    if (!this.recallFor) return undefined;
    try {
      return await this.recallFor.recall(goal, signal);
    } catch (error) {
      this.failures.push(`${cell}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Cells that ran without lessons because recalling them failed, each with why. */
  recallFailures(): readonly string[] {
    return this.failures;
  }
}
