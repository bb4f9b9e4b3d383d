// Lessons from corrections, for the workers of a new piece: a reviewer's correction or rejection of a
// piece becomes an episode's lesson (agents/review), and the lessons of the pieces whose topics are most
// like this one are put in every worker's system prompt (runContentPiece's `lessons`).
import { openLessons, type OpenLessonsOptions } from '../agents/index.js';
import { CONTENT_LESSONS_NAMESPACE } from './constants.js';
import { readTopic } from './piece-topic.js';

export interface ContentLessonsOptions extends Omit<OpenLessonsOptions, 'namespace'> {
  /** `content` by default: where the worker loop records the reviews' lessons. */
  namespace?: string;
  signal?: AbortSignal;
}

/** The lesson texts for a topic, most similar first; none (and no embedding call) when the namespace has no lesson. */
export async function recallContentLessons(topic: string, options: ContentLessonsOptions): Promise<string[]> {
  const { namespace = CONTENT_LESSONS_NAMESPACE, signal, ...open } = options;
  const recall = await openLessons({ ...open, namespace });
  if (!recall) return [];
  return (await recall.recall(readTopic(topic).topic, signal)).map((lesson) => lesson.text);
}
