import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvider } from '../models/index.js';
import { contentSettings, lessonPackageSchema, reviewOfPiece, runContentPiece, type ContentStage, type ContentSettings, type StageOutputs } from './index.js';

let provider: ModelProvider;
let directory: string;
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  provider = new ModelProvider({ latency: 'zero' });
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-'));
});

afterAll(async () => {
  await provider.close();
  await rm(directory, { recursive: true, force: true });
  context.disable();
});

function settingsWith(change: (settings: ContentSettings) => void): ContentSettings {
  const settings = contentSettings();
  change(settings);
  return settings;
}

describe('runContentPiece', () => {
  it('takes a topic through research, writing, fact-checking and formatting to a published, valid, escaped package, each worker on its own model', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const output = path.join(directory, 'published');
    try {
      const result = await runContentPiece('Photosynthesis for AP Biology', { provider, seed: 1, outputDirectory: output, tracer: tracing.getTracer('test') });
      expect(result.status).toBe('published');
      expect(result.stagesRun).toEqual(['research', 'write', 'fact-check', 'format', 'publish']);
      expect(Object.keys(result.stageLatencyMs).sort()).toEqual(['fact-check', 'format', 'publish', 'research', 'write']);
      expect(result.events).toEqual(['content_researched', 'content_written', 'content_reviewed']);
      // The routing model chose each stage itself: researcher, writer, fact-checker, then finish.
      expect(result.run.counters?.supervisor_overruled).toBeUndefined();
      expect(result.run.steps.filter((step) => step.type === 'model_call' && step.agent === 'supervisor').map((step) => JSON.parse((step as { content: string }).content).worker)).toEqual(['researcher', 'writer', 'fact-checker', null]);

      const published = JSON.parse(await readFile(path.join(output, 'photosynthesis-for-ap-biology.json'), 'utf8'));
      expect(lessonPackageSchema.safeParse(published).success).toBe(true);
      expect(published.topic).toBe('Photosynthesis for AP Biology');
      expect(published.audience).toBe('AP Biology');
      expect(published.keyFacts.length).toBeGreaterThanOrEqual(3);
      // The research read the page search_web found through scrape; the fact-checker cites the page it found.
      expect(new Set(result.stages.research!.facts.map((fact) => fact.source))).toEqual(new Set(['photosynthesis.html', 'https://corpus.agentlab.test/photosynthesis']));
      expect(new Set(published.keyFacts.flatMap((fact: { sources: string[] }) => fact.sources))).toEqual(new Set(['photosynthesis.html']));
      expect(published.metadata.models).toMatchObject({ supervisor: 'sim:weak', researcher: 'sim:strong', formatter: 'sim:weak' });
      const html = await readFile(path.join(output, 'photosynthesis-for-ap-biology.html'), 'utf8');
      expect(html).toContain('6 CO2 + 6 H2O → C6H12O6 + 6 O2');
      expect(await readdir(output)).toEqual(['photosynthesis-for-ap-biology.html', 'photosynthesis-for-ap-biology.json']);

      // Every claim checked, with its sources, and the piece's confidence from them.
      expect(result.claims!.length).toBe(published.metadata.claimsChecked);
      expect(result.claims!.every((claim) => claim.verdict === 'supported' && claim.sources.length > 0)).toBe(true);
      expect(result.confidence).toBeGreaterThanOrEqual(0.85);

      // Cost per worker differs with its model: strong workers cost more than the weak formatter and supervisor.
      const cost = (name: 'supervisor' | 'researcher' | 'writer' | 'fact-checker' | 'formatter') => result.workers[name]!.costUsd!;
      expect(result.workers.researcher!.model).toBe('sim:strong');
      expect(cost('researcher')).toBeGreaterThan(cost('formatter'));
      expect(cost('fact-checker')).toBeGreaterThan(cost('supervisor'));
      expect(result.costUsd).toBeCloseTo(['supervisor', 'researcher', 'writer', 'fact-checker', 'formatter'].reduce((sum, name) => sum + cost(name as 'writer'), 0), 10);
      expect(result.workers.researcher!.toolCalls).toBeGreaterThan(0);
      expect(result.workers.formatter!.toolCalls).toBe(2);
      expect(new Set(result.run.steps.map((step) => step.agent))).toEqual(new Set(['supervisor', 'researcher', 'writer', 'fact-checker', 'formatter']));

      // The trace: one piece span, the workers' spans in stage order under it, each with its own model.
      const spans = exporter.getFinishedSpans();
      const root = spans.find((span) => span.name === 'invoke_agent content')!;
      expect(root.attributes['agentlab.content.piece_id']).toBe('photosynthesis-for-ap-biology');
      const workers = spans.filter((span) => /^invoke_agent (researcher|writer|fact-checker|formatter)$/.test(span.name)).sort((left, right) => compareStart(left, right));
      expect(workers.map((span) => span.name)).toEqual(['invoke_agent researcher', 'invoke_agent writer', 'invoke_agent fact-checker', 'invoke_agent formatter']);
      expect(workers.map((span) => span.attributes['gen_ai.request.model'])).toEqual(['strong', 'strong', 'strong', 'weak']);
      expect(workers.every((span) => span.spanContext().traceId === root.spanContext().traceId)).toBe(true);
      expect(spans.filter((span) => span.name === 'chat weak' && span.parentSpanContext?.spanId === root.spanContext().spanId).length).toBeGreaterThanOrEqual(4);
      // Events between stages and direct messages within them are on the trace.
      const published_events = spans.flatMap((span) => span.events.filter((event) => event.name === 'agentlab.event.publish').map((event) => event.attributes!['agentlab.event.type']));
      expect(published_events).toEqual(['content_researched', 'content_written', 'content_reviewed']);
      const messages = spans.flatMap((span) => span.events.filter((event) => event.name === 'agentlab.message').map((event) => `${event.attributes!['agentlab.message.sender']}→${event.attributes!['agentlab.message.recipient']}`));
      expect(messages).toEqual(expect.arrayContaining(['supervisor→researcher', 'researcher→supervisor', 'supervisor→fact-checker', 'fact-checker→supervisor']));
      // Formatting was triggered by content_reviewed: the formatter's span is inside the event's handler.
      const formatter = workers[3]!;
      const handler = spans.find((span) => span.spanContext().spanId === formatter.parentSpanContext?.spanId)!;
      expect(handler.name).toContain('content_reviewed');
    } finally {
      await tracing.shutdown();
    }
  });

  it('sends a piece whose fact-check confidence is below the threshold to review with the per-claim report, unpublished', async () => {
    // A fact-checker with no search tool finds no evidence: it cannot vouch for any claim.
    const output = path.join(directory, 'review');
    const settings = settingsWith((change) => {
      change.workers['fact-checker'].tools = [];
      change.gates.minSupportedShare = 0;
    });
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider, seed: 1, settings, outputDirectory: output });
    expect(result.status).toBe('in_review');
    expect(result.confidence).toBe(0);
    expect(result.reason).toBe("the fact-check's confidence 0 is below 0.85");
    expect(result.claims!.length).toBe(5);
    expect(result.claims!.every((claim) => claim.verdict === 'unsupported' && claim.sources.length === 0)).toBe(true);
    expect(result.claims![0]!.claim).toMatch(/^Photosynthesis is the process/);
    // The package is ready for the reviewer, and nothing was published.
    expect(lessonPackageSchema.safeParse(result.lesson).success).toBe(true);
    expect(result.stagesRun).toEqual(['research', 'write', 'fact-check', 'format']);
    await expect(readdir(output)).rejects.toThrow();
    // What the worker loop puts in the review queue.
    const review = reviewOfPiece(result, { runId: 'job-1', createdAt: 1 });
    expect(review).toMatchObject({ kind: 'low_confidence', runId: 'job-1', caseId: 'photosynthesis-for-ap-biology', agent: 'content', model: 'sim:strong', confidence: 0 });
    expect(review.reasoning!.split('\n')[1]).toMatch(/^\[unsupported 0\.\d\d\] Photosynthesis is the process .* \(no source\)$/);
    expect(review.answer).toContain('Key facts:');
  });

  it('sends research back when it finds too few facts, and fails the piece when the retry does not either', async () => {
    const settings = settingsWith((change) => {
      change.gates.minFacts = 30;
    });
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider, seed: 1, settings });
    expect(result.status).toBe('failed');
    expect(result.stagesRun).toEqual(['research', 'research']);
    expect(result.reason).toMatch(/quality gate not met: the researcher found \d+ facts, the gate needs 30/);
    expect(result.run.counters?.gate_failed).toBe(2);
    // The retry searched wider: the subject alone.
    const searches = result.run.steps.filter((step) => step.type === 'tool_call').map((step) => `${step.tool} ${step.arguments}`);
    expect(searches).toEqual([
      'search_web {"query":"Photosynthesis for AP Biology"}',
      'scrape {"url":"photosynthesis.html"}',
      'search_web {"query":"Photosynthesis"}',
      'scrape {"url":"photosynthesis.html"}',
    ]);
  });

  it('sends the piece back to research when the fact-check supports no claim, and fails it when the budget of attempts is spent', async () => {
    const settings = settingsWith((change) => {
      change.workers['fact-checker'].tools = [];
    });
    const result = await runContentPiece('The speed of light', { provider, seed: 1, settings });
    expect(result.stagesRun).toEqual(['research', 'write', 'fact-check', 'research', 'write', 'fact-check']);
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('the fact-check supported 0% of the claims, the gate needs 60%: research again');
    expect(result.events).toEqual(['content_researched', 'content_written', 'content_researched', 'content_written']);
  });

  it('sends the draft back to the writer with only the supported claims when some claims fail the check', async () => {
    // On this seed the writer pads its first draft with filler sentences no source supports.
    const result = await runContentPiece('The Amazon River', { provider, seed: 1 });
    expect(result.stagesRun.slice(0, 5)).toEqual(['research', 'write', 'fact-check', 'write', 'fact-check']);
    expect(result.run.counters?.gate_failed).toBeGreaterThanOrEqual(1);
    const drafts = result.run.steps.filter((step) => step.type === 'model_call' && step.agent === 'writer').map((step) => (step as { content?: string | null }).content ?? '');
    expect(drafts[0]).toContain('worth noting');
    expect(drafts[1]).not.toContain('worth noting');
    expect(result.stages.write!.revision).toBe(1);
    expect(result.status).toBe('ready');
    expect(result.stagesRun).toEqual(['research', 'write', 'fact-check', 'write', 'fact-check', 'format']);
  });

  it('fails a piece that spends its budget of model calls, in the stage that spent it', async () => {
    const settings = settingsWith((change) => {
      change.budget.maxSteps = 6;
    });
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider, seed: 1, settings });
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('budget_exceeded: the piece spent its budget of 6 model calls');
    expect(result.stagesRun).toEqual(['research', 'write']);
    expect(result.run.steps.filter((step) => step.type === 'model_call')).toHaveLength(6);
    expect(result.lesson).toBeUndefined();
  });

  it('fails a piece that spends its token budget', async () => {
    const settings = settingsWith((change) => {
      change.budget.maxTokens = 3_000;
    });
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider, seed: 1, settings });
    expect(result.status).toBe('failed');
    // The worker that crossed it is named; it was given only what was left of the piece's tokens.
    expect(result.reason).toMatch(/^budget_exceeded: the fact-checker spent the rest of the piece's budget: the run used \d+ tokens, over its budget of \d+$/);
    expect(result.usage.totalTokens).toBeGreaterThan(3_000);
  });

  it('skips the stages given as completed and reports each stage it runs once, so a resumed job repeats no effect', async () => {
    const first: Partial<StageOutputs> = {};
    const seen: ContentStage[] = [];
    const output = path.join(directory, 'resumed');
    const whole = await runContentPiece('The speed of light', {
      provider,
      seed: 1,
      onStage: (stage, stageOutput) => {
        seen.push(stage);
        if (stage === 'research' || stage === 'write') Object.assign(first, { [stage]: stageOutput });
      },
    });
    expect(whole.status).toBe('ready');
    expect(seen).toEqual(['research', 'write', 'fact-check', 'format']);

    // Checkpoints go through the queue as JSON.
    const resumed = await runContentPiece('The speed of light', { provider, seed: 1, completedStages: JSON.parse(JSON.stringify(first)) as StageOutputs, outputDirectory: output, onStage: (stage) => void seen.push(stage) });
    expect(resumed.status).toBe('published');
    expect(resumed.stagesRun).toEqual(['fact-check', 'format', 'publish']);
    expect(resumed.workers.researcher!.modelCalls).toBe(0);
    expect(resumed.workers.writer!.modelCalls).toBe(0);
    expect(resumed.events).toEqual(['content_reviewed']);
    expect(resumed.stages.write!.draft).toBe(first.write!.draft);

    const again = await runContentPiece('The speed of light', { provider, seed: 1, completedStages: JSON.parse(JSON.stringify({ ...resumed.stages, publish: undefined })) as StageOutputs, outputDirectory: output });
    expect(again.stagesRun).toEqual(['publish']);
    expect(again.stages.publish!.alreadyPublished).toBe(true);
    expect(again.status).toBe('published');
  });
});

function compareStart(left: ReadableSpan, right: ReadableSpan): number {
  return left.startTime[0] - right.startTime[0] || left.startTime[1] - right.startTime[1];
}
