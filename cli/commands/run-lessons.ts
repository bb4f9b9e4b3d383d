// Lessons and the review queue for `agentlab run`. Before the run, the lessons recalled for its goal
// (agents/review/lessons.ts: reviewers' corrections in the run's namespace) go into the system prompt
// and onto the root span, unless --no-lessons; a namespace without lessons costs one indexed read and
// no embedding call. After it, a run whose model calls spent their retries (model_call_failed) waits
// in the review queue as `retries_exhausted`, with the structured report of what failed.
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_MEMORY_NAMESPACE, openLessons, summarizeSteps, withLessonsEvent } from '../../agents/index.js';
import type { AgentFunction, AgentResult, RecalledLesson } from '../../agents/index.js';
import { errorReportOf } from '../../eval/index.js';
import type { AgentlabConfig, ModelProvider } from '../../models/index.js';
import type { ReviewRecord, StoreBackend } from '../../store/index.js';
import { toTerminalLine } from '../terminal-text.js';

export interface RunLessonsFlags {
  /** false with --no-lessons. */
  lessons?: boolean;
  memoryNamespace?: string;
  embeddingModel?: string;
}

/** The lessons a run began with, as its settings record them so that a resume uses the same. */
export interface RecordedLessons {
  namespace: string;
  recalled: RecalledLesson[];
}

/**
 * The lessons for the run's goal; undefined when turned off or the namespace holds none. A failed
 * recall (the embedding endpoint down) is a warning: the run goes on without lessons.
 */
export async function recallRunLessons(
  flags: RunLessonsFlags,
  wiring: { config: AgentlabConfig; provider: ModelProvider; store: Pick<StoreBackend, 'episodes' | 'location'>; goal: string; quiet: boolean; writeError: (text: string) => void },
): Promise<RecordedLessons | undefined> {
  if (flags.lessons === false) return undefined;
  const namespace = flags.memoryNamespace ?? wiring.config.memory?.namespace ?? DEFAULT_MEMORY_NAMESPACE;
  try {
    const recall = await openLessons({ store: wiring.store, provider: wiring.provider, namespace, embeddingModel: flags.embeddingModel ?? wiring.config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL });
    if (!recall) return undefined;
    const recalled = await recall.recall(wiring.goal);
    if (!wiring.quiet && recalled.length > 0) {
      const episodes = recalled.map((lesson) => lesson.episodeId).join(', ');
      wiring.writeError(`Lessons from similar past tasks (namespace ${toTerminalLine(namespace, 100)}, episodes ${episodes}; --no-lessons leaves them out):\n${recalled.map((lesson) => `  - ${toTerminalLine(lesson.text, 200)}\n`).join('')}`);
    }
    return { namespace, recalled };
  } catch (error) {
    wiring.writeError(`warning: the run goes on without lessons: ${toTerminalLine(error instanceof Error ? error.message : String(error), 500)}\n`);
    return undefined;
  }
}

/** The agent (recording the `agentlab.lessons` event on the root span) and the lessons for its system prompt. */
export function applyRunLessons(agent: AgentFunction, recorded: RecordedLessons | undefined, captureContent: boolean): { agent: AgentFunction; options: { lessons?: string[] } } {
  if (!recorded) return { agent, options: {} };
  return {
    agent: withLessonsEvent(agent, recorded.recalled, { namespace: recorded.namespace, captureContent }),
    options: recorded.recalled.length > 0 ? { lessons: recorded.recalled.map((lesson) => lesson.text) } : {},
  };
}

/** Puts a run whose model calls spent their retries in the review queue (once per run), and says so; other runs are left alone. */
export async function queueRetriesExhausted(
  store: Pick<StoreBackend, 'reviews'>,
  run: { runId: string; agent: string; model: string; goal: string; result: AgentResult },
  output: { quiet: boolean; writeError: (text: string) => void },
): Promise<ReviewRecord | undefined> {
  const errorReport = errorReportOf(run.result);
  if (!errorReport) return undefined;
  const review = await store.reviews.addOnce({
    kind: 'retries_exhausted',
    runId: run.runId,
    agent: run.agent,
    model: run.model,
    goal: run.goal,
    answer: run.result.output,
    errorReport,
    steps: summarizeSteps(run.result.steps),
    ...(run.result.traceId ? { traceId: run.result.traceId } : {}),
    createdAt: Date.now(),
  });
  if (review && !output.quiet) output.writeError(`The run spent its retries (${errorReport.attempts} tries); it waits for review as ${review.id}: agentlab reviews list\n`);
  return review;
}
