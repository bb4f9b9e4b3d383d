import { describe, expect, it } from 'vitest';
import { listKnownModels } from './model-catalogue.js';

describe('listKnownModels', () => {
  it('lists simulator profiles, OpenAI models and config models with prices', () => {
    const entries = listKnownModels({
      agents: {},
      models: { 'local-llama': { baseURL: 'http://localhost:11434/v1', model: 'llama3.1:8b', provider: 'ollama', contextWindow: 8_192 } },
      prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10 }, 'llama3.1:8b': { input: 0, output: 0 } },
    });
    const references = entries.map((entry) => entry.reference);
    expect(references.slice(0, 6)).toEqual(['sim:oracle', 'sim:strong', 'sim:weak', 'sim:flaky', 'sim:looping', 'sim:small']);
    expect(entries.find((entry) => entry.reference === 'sim:weak')?.contextWindow).toBe(8_192);
    expect(entries.find((entry) => entry.reference === 'openai:gpt-4o-mini')?.contextWindow).toBe(128_000);
    expect(references).toContain('openai:gpt-4o-mini');
    expect(references).toContain('openai:gpt-4o-2024-08-06');
    // A config price for a custom model's id shows on that model, not as an OpenAI row.
    expect(references).not.toContain('openai:llama3.1:8b');
    expect(entries.at(-1)).toEqual({
      reference: 'local-llama',
      provider: 'ollama',
      model: 'llama3.1:8b',
      description: 'llama3.1:8b at http://localhost:11434/v1',
      prices: { input: 0, output: 0 },
      contextWindow: 8_192,
    });
  });
});
