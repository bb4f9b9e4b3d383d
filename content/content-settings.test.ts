import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../models/index.js';
import { contentSettings } from './index.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-config-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function load(text: string) {
  const file = path.join(directory, 'agentlab.config.yaml');
  await writeFile(file, text);
  return loadConfigFile({ path: file });
}

describe('the config’s content section', () => {
  it('overrides the defaults field by field', async () => {
    const { config } = await load(['content:', '  workers:', '    writer: { model: sim:oracle }', '    researcher: { tools: [search_web] }', '  confidenceThreshold: 0.9', '  budget: { maxSteps: 25 }', '  gates: { minFacts: 5 }', ''].join('\n'));
    const settings = contentSettings(config);
    expect(settings.workers.writer).toEqual({ model: 'sim:oracle', tools: [] });
    expect(settings.workers.researcher).toEqual({ model: 'sim:strong', tools: ['search_web'] });
    expect(settings.workers.formatter.model).toBe('sim:weak');
    expect(settings.supervisor.model).toBe('sim:weak');
    expect(settings.confidenceThreshold).toBe(0.9);
    expect(settings.budget).toEqual({ maxSteps: 25, maxTokens: 120_000, stageAttempts: 2, formatAttempts: 3 });
    expect(settings.gates).toEqual({ minFacts: 5, minSupportedShare: 0.6 });
  });

  it('refuses an unknown worker and a threshold above 1, naming the line', async () => {
    await expect(load(['content:', '  workers:', '    editor: { model: sim:strong }', ''].join('\n'))).rejects.toThrow(/content\.workers\.editor/);
    await expect(load(['content:', '  confidenceThreshold: 1.5', ''].join('\n'))).rejects.toThrow(/content\.confidenceThreshold: expected at most 1/);
  });

  it('is the defaults when the config has none: cheap supervisor and formatter, strong researcher, writer and fact-checker', () => {
    const settings = contentSettings();
    expect(Object.fromEntries(Object.entries(settings.workers).map(([worker, { model }]) => [worker, model]))).toEqual({ researcher: 'sim:strong', writer: 'sim:strong', 'fact-checker': 'sim:strong', formatter: 'sim:weak' });
    expect(settings.confidenceThreshold).toBe(0.85);
  });
});
