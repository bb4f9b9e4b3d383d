import { afterEach, describe, expect, it } from 'vitest';
import { contentSettings, runContentPiece, type ContentSettings } from './index.js';
import { startSpoilingProxy, type SpoilingProxy } from './test-support.js';

let proxy: SpoilingProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function formatterOn(reference: string, attempts?: number): ContentSettings {
  const settings = contentSettings();
  settings.workers.formatter.model = reference;
  if (attempts !== undefined) settings.budget.formatAttempts = attempts;
  return settings;
}

describe('the formatter', () => {
  it('gets a package that fails validation back with the errors, and the next valid one is the lesson', async () => {
    proxy = await startSpoilingProxy('weak', 1);
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider: proxy.provider, seed: 1, settings: formatterOn(proxy.reference) });
    expect(proxy.spoiled()).toBe(1);
    expect(result.status).toBe('ready');
    expect(result.stages.format!.attempts).toBe(2);
    const validations = result.run.steps.filter((step) => step.type === 'tool_call' && step.tool === 'validate_lesson_package');
    expect(validations.map((step) => step.type === 'tool_call' && step.ok)).toEqual([false, true]);
    expect(validations[0]!.type === 'tool_call' && validations[0]!.result).toContain('quiz.0.answerIndex: points past the 3 choices');
    // The second request carried the errors back to the formatter.
    expect(result.run.steps.filter((step) => step.type === 'model_call' && step.agent === 'formatter')).toHaveLength(2);
    expect(result.lesson!.quiz[0]!.answerIndex).toBeLessThan(result.lesson!.quiz[0]!.choices.length);
  });

  it('fails the piece, naming the errors, when no valid package comes within the format budget', async () => {
    proxy = await startSpoilingProxy('weak', 10);
    const result = await runContentPiece('Photosynthesis for AP Biology', { provider: proxy.provider, seed: 1, settings: formatterOn(proxy.reference, 2) });
    expect(proxy.spoiled()).toBe(2);
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('the formatter produced no valid package in 2 attempts: quiz.0.answerIndex: points past the 3 choices');
    expect(result.lesson).toBeUndefined();
    expect(result.stages.format).toBeUndefined();
  });
});
