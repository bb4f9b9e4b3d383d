// Lessons recalled before a run, against a real store file and the simulator's embeddings: the tally
// lesson reaches the other tally goals and none of the unrelated goals of the bundled datasets, a
// namespace without lessons costs no embedding call, and the run's root span records what was injected.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemorySpanSink, setupTracing, type Tracing } from '../../tracing/index.js';
import { runAgent } from '../core/run-agent.js';
import { openMemory, type EpisodicMemory } from '../memory/index.js';
import { createMemoryTestBed, startFakeEmbeddingEndpoint, type MemoryTestBed } from '../memory/test-support.js';
import { agentPatterns } from '../patterns/index.js';
import { createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY } from '../tools/index.js';
import { MAX_LESSON_LENGTH, MIN_LESSON_SIMILARITY } from './constants.js';
import { openLessons, recallLessons, storeHasLessons, withLessonsEvent, type RecalledLesson } from './lessons.js';

const tallyLesson = '"Tally" means add up: use the calculator.';

function goalsOf(file: string): Array<{ id: string; goal: string; tags?: string[] }> {
  return readFileSync(new URL(`../../datasets/golden/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { id: string; goal: string; tags?: string[] });
}

let bed: MemoryTestBed;
let episodic: EpisodicMemory;

beforeEach(async () => {
  bed = createMemoryTestBed();
  episodic = (await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong' })).episodic;
});
afterEach(() => bed.close());

const episode = (goal: string, lesson?: string, namespace?: string) =>
  episodic.recordEpisode({ goal, steps: '', outcome: 'corrected', agent: 'react', model: 'sim:weak', ...(lesson ? { lesson } : {}), ...(namespace ? { namespace } : {}) });

describe('recallLessons', () => {
  it('the lesson of one tally goal reaches the other tally goals, and no other goal of the bundled datasets', async () => {
    const recorded = await episode('Tally 18, 27 and 41', tallyLesson);
    const lessons = goalsOf('lessons.jsonl');
    const family = lessons.filter((entry) => entry.tags?.includes('tally') && entry.id !== 'tally-18-27-41');
    const unrelated = [...lessons.filter((entry) => entry.tags?.includes('control')), ...goalsOf('agent-tasks.jsonl'), ...goalsOf('long-tasks.jsonl'), ...goalsOf('approvals.jsonl')];
    expect(family.length).toBeGreaterThanOrEqual(10);
    for (const { goal } of family) {
      expect((await recallLessons(episodic, goal)).map((lesson) => [lesson.episodeId, lesson.text]), goal).toEqual([[recorded.id, tallyLesson]]);
    }
    for (const { goal } of unrelated) expect(await recallLessons(episodic, goal), goal).toEqual([]);
  });

  it('keeps only lessons above the bar, at most three, most similar first, and only episodes with lessons', async () => {
    await episode('Tally 18, 27 and 41', 'first');
    await episode('Tally 8, 16 and 4', 'second');
    await episode('Tally 130, 46 and 6', 'third');
    await episode('Tally 47, 53 and 13', 'fourth');
    await episode('Tally 9, 11, 13 and 19');
    const recalled = await recallLessons(episodic, 'Tally 18, 27 and 41');
    expect(recalled.map((lesson) => lesson.text)).toHaveLength(3);
    expect(recalled[0]!.text).toBe('first');
    expect(recalled[0]!.similarity).toBeCloseTo(1, 5);
    expect(recalled.every((lesson) => lesson.similarity >= MIN_LESSON_SIMILARITY)).toBe(true);
    expect(await recallLessons(episodic, 'Tally 18, 27 and 41', { minSimilarity: 0.99 })).toHaveLength(1);
  });

  it('reads one namespace, and cuts an over-long lesson', async () => {
    await episode('Tally 18, 27 and 41', 'x'.repeat(3_000), 'team');
    expect(await recallLessons(episodic, 'Tally 8, 16 and 4')).toEqual([]);
    const [lesson] = await recallLessons(episodic, 'Tally 8, 16 and 4', { namespace: 'team' });
    expect(lesson!.text).toHaveLength(MAX_LESSON_LENGTH);
    expect(lesson!.text.endsWith('…')).toBe(true);
  });
});

describe('openLessons', () => {
  it('without a lesson in the namespace it opens nothing and embeds nothing; with one it recalls', async () => {
    let embeddingCalls = 0;
    const endpoint = await startFakeEmbeddingEndpoint(() => {
      embeddingCalls++;
      return { status: 503, body: { error: { message: 'down' } } };
    });
    const counted = createMemoryTestBed({ counted: endpoint.baseURL });
    try {
      expect(await storeHasLessons(counted.backend, 'default')).toBe(false);
      expect(await openLessons({ store: counted.backend, provider: counted.provider, namespace: 'default', embeddingModel: 'counted' })).toBeUndefined();
      expect(embeddingCalls).toBe(0);
    } finally {
      await counted.close();
      await endpoint.close();
    }
    await episode('Tally 18, 27 and 41', tallyLesson);
    expect(await storeHasLessons(bed.backend, 'default')).toBe(true);
    expect(await storeHasLessons(bed.backend, 'other')).toBe(false);
    const recall = await openLessons({ store: bed.backend, provider: bed.provider, namespace: 'default', embeddingModel: 'sim:strong' });
    expect((await recall!.recall('Tally 5, 20, 40 and 80')).map((lesson) => lesson.text)).toEqual([tallyLesson]);
  });
});

describe('the agentlab.lessons event', () => {
  let tracing: Tracing;
  const sink = new MemorySpanSink();
  beforeAll(() => {
    tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
  });
  afterAll(() => tracing.shutdown());

  const lessons: RecalledLesson[] = [{ episodeId: 7, text: tallyLesson, similarity: 0.4 }];

  it.each([false, true])('is on the root span with the count and episode ids; the texts only with capture-content (%s)', async (captureContent) => {
    const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
    try {
      const agent = withLessonsEvent(agentPatterns.react, lessons, { namespace: 'default', captureContent });
      const result = await runAgent('react', agent, 'Tally 18, 27 and 41', {
        model: await bed.provider.open('sim:oracle'),
        tools: createDefaultRegistry({ sandbox }),
        tracer: tracing.tracer,
        captureContent,
        lessons: lessons.map((lesson) => lesson.text),
      });
      expect(result.output).toContain('86');
      await tracing.forceFlush();
      const spans = sink.trace(result.traceId!);
      const root = spans.find((span) => span.parentSpanId === undefined)!;
      const events = spans.flatMap((span) => span.events.filter((event) => event.name === 'agentlab.lessons').map(() => span.spanId));
      expect(events).toEqual([root.spanId]);
      const event = root.events.find((candidate) => candidate.name === 'agentlab.lessons')!;
      expect(event.attributes).toEqual({
        'agentlab.lessons.count': 1,
        'agentlab.lessons.episode_ids': [7],
        'agentlab.lessons.namespace': 'default',
        ...(captureContent ? { 'agentlab.lessons.texts': [tallyLesson] } : {}),
      });
    } finally {
      await sandbox.remove();
    }
  });
});
