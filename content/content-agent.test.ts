import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultRegistry, createSandbox, runAgent } from '../agents/index.js';
import { evaluate } from '../eval/index.js';
import { ModelProvider } from '../models/index.js';
import { contentAgent } from './content-agent.js';

let provider: ModelProvider;
let directory: string;

beforeAll(async () => {
  provider = new ModelProvider({ latency: 'zero' });
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-agent-'));
});

afterAll(async () => {
  await provider.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the content agent', () => {
  it('answers a topic with the package summary and key facts, its trajectory the workers’ steps', async () => {
    const sandbox = await createSandbox();
    try {
      const result = await runAgent('content', contentAgent, 'The speed of light', { model: await provider.open('sim:strong'), tools: createDefaultRegistry({ sandbox }), seed: 1 });
      expect(result.status).toBe('completed');
      expect(result.output).toMatch(/^The speed of light in a vacuum[\s\S]*\n\nKey facts:\n- [\s\S]*\(speed-of-light\.html\)/);
      expect(result.output).toContain('299,792,458');
      expect([...new Set(result.steps.map((step) => step.agent))]).toEqual(['supervisor', 'researcher', 'writer', 'fact-checker', 'formatter']);
      expect(result.counters).toMatchObject({ claims_supported: 5, fact_check_confidence: 1 });
    } finally {
      await sandbox.remove();
    }
  });

  it('is evaluated by agentlab eval as a module target on a dataset of topics', async () => {
    const dataset = path.join(directory, 'topics.jsonl');
    await writeFile(
      dataset,
      [
        { id: 'speed-of-light', goal: 'The speed of light for high school physics', expected_output_contains: ['299,792,458'] },
        { id: 'photosynthesis', goal: 'Photosynthesis for AP Biology', expected_output_contains: ['chlorophyll'] },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const agentModule = fileURLToPath(new URL('./eval-agent.ts', import.meta.url));
    const result = await evaluate({ dataset, agents: [`module:${agentModule}`], models: ['sim:strong'], epochs: 1, latency: 'zero', store: path.join(directory, 'eval.db'), gitCommit: false });
    const cells = result.report.results ?? [];
    expect(cells.map((cell) => [cell.caseId, cell.status]).sort()).toEqual([
      ['photosynthesis', 'pass'],
      ['speed-of-light', 'pass'],
    ]);
    // The proxy recorded the workers' calls: supervisor, researcher, writer, fact-checker, formatter, and their searches.
    expect(cells.every((cell) => cell.toolsCalled.includes('search_web') && cell.modelCalls >= 8)).toBe(true);
  });
});
