// `agentlab run --confidence-threshold`, in-process on the simulator and a store file of its own: an
// answer rated below the threshold is said to be escalated and waits in the review queue under the
// agent run's id; one above it is kept; the rating's call is in the run's steps, usage and trace;
// without the flag nothing is rated; a bad threshold exits 2.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentResult } from '../../agents/index.js';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import type { RunConfidence } from './run-confidence.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-run-confidence-'));
afterAll(() => rm(directory, { recursive: true, force: true }));

type JsonRun = AgentResult & { runId: string; confidence?: RunConfidence };

const run = (store: string, goal: string, ...flags: string[]) =>
  runRecorded(['run', 'react', goal, '--model', 'sim:oracle', '--latency', 'zero', '--seed', '1', '--no-episodes', '--store', path.join(directory, store), ...flags], { cwd: directory });

describe('agentlab run --confidence-threshold', () => {
  it('escalates an answer rated below the threshold to the review queue with the agent run’s id', async () => {
    const result = await run('low.db', 'Read missing.txt', '--confidence-threshold', '0.85', '--json');
    expect(result.exitCode, result.errorOutput).toBe(0);
    const json = JSON.parse(result.output) as JsonRun;
    expect(json.confidence).toMatchObject({ threshold: 0.85, escalated: true });
    expect(json.confidence!.confidence).toBeLessThan(0.85);
    expect(result.errorOutput).toMatch(/^Escalated: the answer was rated 0\.\d\d, below the confidence threshold 0\.85, so it waits in the review queue \(review \w+\): /m);
    expect(result.errorOutput).toContain(`agentlab reviews list --store ${JSON.stringify(path.join(directory, 'low.db'))}`);
    const store = openStore(path.join(directory, 'low.db'));
    try {
      const [review] = store.reviews.list();
      expect(review).toMatchObject({ id: json.confidence!.reviewId, kind: 'low_confidence', status: 'pending', runId: json.runId, agent: 'react', model: 'sim:oracle', goal: 'Read missing.txt', answer: json.output, confidence: json.confidence!.confidence, traceId: json.traceId });
      expect(review!.caseId).toBeUndefined();
      expect(store.agentRuns.get(json.runId)?.status).toBe('completed');
      // The rating's chat span is a child of the run's root span, with the rating on it.
      const spans = store.spans(json.traceId!);
      const rating = spans.find((span) => span.attributes['gen_ai.agent.name'] === 'confidence')!;
      expect(spans.find((span) => span.spanId === rating.parentSpanId)?.parentSpanId).toBeUndefined();
      expect(rating.attributes).toMatchObject({ 'agentlab.confidence': json.confidence!.confidence, 'agentlab.confidence.escalated': true });
    } finally {
      store.close();
    }
  });

  it('keeps an answer rated above the threshold, counting the rating’s call with the run’s', async () => {
    const rated = JSON.parse((await run('high.db', 'Search for the boiling point of water', '--confidence-threshold', '0.5', '--json')).output) as JsonRun;
    const plain = JSON.parse((await run('plain.db', 'Search for the boiling point of water', '--json')).output) as JsonRun;
    expect(rated.confidence).toMatchObject({ threshold: 0.5, escalated: false });
    expect(rated.confidence!.reviewId).toBeUndefined();
    const ratingStep = rated.steps.at(-1)!;
    expect(ratingStep).toMatchObject({ type: 'model_call', agent: 'confidence' });
    expect(rated.usage.inputTokens).toBe(plain.usage.inputTokens + (ratingStep.type === 'model_call' ? ratingStep.inputTokens : 0));
    expect(rated.output).toBe(plain.output);
    // Without the flag (or the config's confidence) nothing is rated.
    expect(plain.confidence).toBeUndefined();
    expect(plain.steps.some((step) => step.agent === 'confidence')).toBe(false);
    const store = openStore(path.join(directory, 'high.db'));
    expect(store.reviews.list()).toEqual([]);
    store.close();
  });

  it('says the rating beside the summary when it is kept', async () => {
    const result = await run('said.db', 'Search for the boiling point of water', '--confidence-threshold', '50%');
    expect(result.exitCode).toBe(0);
    expect(result.errorOutput).toMatch(/^Confidence [01]\.\d\d \(threshold 0\.5\): It shows 1 of the 1 action the goal asks for\.$/m);
  });

  it('refuses a threshold outside 0-1 with exit 2', async () => {
    const result = await run('bad.db', 'Who created Python?', '--confidence-threshold', '2');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('expected a confidence threshold from 0 to 1 (or a percentage such as 85%), got "2"');
  });
});
