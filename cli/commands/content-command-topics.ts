// The topics `agentlab content enqueue` is given: one on the command line and/or a file of one topic a
// line (blank lines and `#` comments skipped). Every line is checked before anything is enqueued, and a
// bad one is named by file:line. Each topic's job id is its piece id (a slug of the topic), so the same
// topic given twice is one job.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pieceIdOf, readTopic } from '../../content/index.js';
import { toTerminalLine } from '../terminal-text.js';

/** Longer than this is not a topic but a pasted document. */
export const MAX_TOPIC_LENGTH = 200;

export interface EnqueueTopic {
  topic: string;
  pieceId: string;
  /** `topics.txt:3`, or `the command line`. */
  where: string;
}

const controlCharacters = /[\p{Cc}\p{Bidi_Control}]/u;

/** Why the text is not a topic, or undefined when it is one. */
function topicProblem(text: string): string | undefined {
  if (controlCharacters.test(text)) return 'it holds a control character';
  if (Array.from(text).length > MAX_TOPIC_LENGTH) return `it is longer than ${MAX_TOPIC_LENGTH} characters`;
  if (!/[\p{L}\p{N}]/u.test(text)) return 'it has no letter or digit';
  const pieceId = pieceIdOf(readTopic(text).topic);
  if (/^\d+$/.test(pieceId)) return `its piece id ${pieceId} would be a number alone, which the queue keeps for itself: add a word`;
  if (!/[a-z]/.test(pieceId)) return 'its piece id would have no letter (the id is made of its Latin letters and digits)';
  return undefined;
}

export class TopicInputError extends Error {}

function checked(text: string, where: string): EnqueueTopic {
  const problem = topicProblem(text);
  if (problem) throw new TopicInputError(`${where}: ${toTerminalLine(text, 80)} is not a topic: ${problem}.`);
  const topic = readTopic(text).topic;
  return { topic, pieceId: pieceIdOf(topic), where };
}

export async function readEnqueueTopics(cwd: string, topicArgument: string | undefined, file: string | undefined): Promise<EnqueueTopic[]> {
  const topics: EnqueueTopic[] = [];
  if (topicArgument !== undefined) topics.push(checked(topicArgument.trim(), 'the topic argument'));
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new TopicInputError(`cannot read the topics file ${toTerminalLine(file, 200)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      topics.push(checked(trimmed, `${toTerminalLine(file, 200)}:${index + 1}`));
    });
  }
  if (topics.length === 0) throw new TopicInputError(file === undefined ? 'give a topic, or --file with one topic a line.' : `${toTerminalLine(file, 200)} holds no topic (blank lines and # comments are skipped).`);
  return topics;
}
