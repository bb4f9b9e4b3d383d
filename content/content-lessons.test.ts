import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemory } from '../agents/index.js';
import { createMemoryTestBed, type MemoryTestBed } from '../agents/memory/test-support.js';
import { recallContentLessons, runContentPiece } from './index.js';

let bed: MemoryTestBed;

beforeEach(() => {
  bed = createMemoryTestBed();
});
afterEach(() => bed.close());

describe('recallContentLessons', () => {
  it('recalls the lesson of a corrected piece for a similar topic, and none for an unrelated one', async () => {
    const { episodic } = await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong' });
    const lesson = 'Give the overall equation of photosynthesis in words as well as symbols.';
    await episodic.recordEpisode({ goal: 'Photosynthesis for AP Biology', steps: '', outcome: 'corrected', agent: 'content', model: 'sim:strong', lesson, namespace: 'content' });
    const options = { store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong' };
    expect(await recallContentLessons('Write a lesson on Photosynthesis for GCSE Biology', options)).toEqual([lesson]);
    expect(await recallContentLessons('The French Revolution for Year 9 History', options)).toEqual([]);
    expect(await recallContentLessons('Photosynthesis for AP Biology', { ...options, namespace: 'elsewhere' })).toEqual([]);
  });
});

describe('lessons given to a piece', () => {
  it('are in the system prompt of every model call, the supervisor’s and each worker’s', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    try {
      const lesson = 'Name the pigment that absorbs the light.';
      const result = await runContentPiece('Photosynthesis', { provider: bed.provider, seed: 1, lessons: [lesson], tracer: tracing.getTracer('test'), captureContent: true });
      expect([result.status, result.reason]).toEqual(['ready', undefined]);
      const chats = exporter.getFinishedSpans().filter((span) => span.name.startsWith('chat '));
      expect(chats.length).toBe(result.run.steps.filter((step) => step.type === 'model_call').length);
      expect(chats.every((span) => String(span.attributes['gen_ai.input.messages']).includes(lesson))).toBe(true);
    } finally {
      await tracing.shutdown();
    }
  });
});
