import { describe, expect, it } from 'vitest';
import type { AgentlabConfig } from './config-schema.js';
import { costUsd, PriceTable } from './price-table.js';
import { builtInProfiles } from './sim/index.js';

const config: AgentlabConfig = {
  agents: {},
  models: {
    'local-llama': { baseURL: 'http://localhost:11434/v1', model: 'llama3.1:8b', prices: { input: 0, output: 0 } },
    'proxied-gpt': { baseURL: 'https://proxy.example.com/v1', model: 'gpt-4.1-mini' },
  },
  prices: {
    'gpt-4o-2024-05-13': { input: 5, output: 15 },
    'gpt-4o-mini': { input: 0.1, output: 0.5 },
    'sim:weak': { input: 9, output: 9 },
  },
};

describe('PriceTable', () => {
  it('knows OpenAI list prices by reference and by model id', () => {
    const table = new PriceTable();
    expect(table.lookup('openai:gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(table.lookup('gpt-5-nano')).toEqual({ input: 0.05, output: 0.4 });
  });

  it('prices dated snapshots as their family', () => {
    expect(new PriceTable().lookup('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
  });

  it('takes simulator prices from the built-in profiles', () => {
    expect(new PriceTable().lookup('sim:flaky')).toEqual(builtInProfiles.flaky!.prices);
  });

  it('returns undefined for unknown models', () => {
    expect(new PriceTable().lookup('openai:gpt-9')).toBeUndefined();
    expect(new PriceTable().lookup('sim:nobody')).toBeUndefined();
  });

  it('lets the config add and override prices', () => {
    const table = new PriceTable(config);
    expect(table.lookup('openai:gpt-4o-2024-05-13')).toEqual({ input: 5, output: 15 });
    expect(table.lookup('openai:gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(table.lookup('gpt-4o-mini')).toEqual({ input: 0.1, output: 0.5 });
    expect(table.lookup('sim:weak')).toEqual({ input: 9, output: 9 });
  });

  it('prices config models by their own prices, else by their model id', () => {
    const table = new PriceTable(config);
    expect(table.lookup('local-llama')).toEqual({ input: 0, output: 0 });
    expect(table.lookup('proxied-gpt')).toEqual({ input: 0.4, output: 1.6 });
  });
});

describe('PriceTable.contextWindow', () => {
  it('knows the published windows of OpenAI models, snapshots included', () => {
    const table = new PriceTable();
    expect(table.contextWindow('openai:gpt-4o')).toBe(128_000);
    expect(table.contextWindow('gpt-4.1-nano')).toBe(1_047_576);
    expect(table.contextWindow('openai:o4-mini-2025-04-16')).toBe(200_000);
    expect(table.contextWindow('openai:gpt-9')).toBeUndefined();
  });

  it('takes simulator windows from the profiles', () => {
    const table = new PriceTable();
    expect(table.contextWindow('sim:strong')).toBe(128_000);
    expect(table.contextWindow('sim:weak')).toBe(8_192);
    expect(table.contextWindow('sim:small')).toBe(8_192);
  });

  it('lets the config set windows: a custom model its own, any id through contextWindows', () => {
    const table = new PriceTable({
      ...config,
      models: {
        ...config.models,
        'local-llama': { baseURL: 'http://localhost:11434/v1', model: 'llama3.1:8b', contextWindow: 16_384 },
        'local-qwen': { baseURL: 'http://localhost:11434/v1', model: 'qwen3:8b' },
      },
      contextWindows: { 'qwen3:8b': 32_768, 'gpt-4o': 64_000 },
    });
    expect(table.contextWindow('local-llama')).toBe(16_384);
    expect(table.contextWindow('local-qwen')).toBe(32_768);
    expect(table.contextWindow('proxied-gpt')).toBe(1_047_576);
    expect(table.contextWindow('openai:gpt-4o')).toBe(64_000);
  });
});

describe('costUsd', () => {
  it('charges per million tokens', () => {
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 0 }, { input: 2.5, output: 10 })).toBe(2.5);
    expect(costUsd({ inputTokens: 2_000, outputTokens: 500 }, { input: 2.5, output: 10 })).toBeCloseTo(0.01, 12);
    expect(costUsd({ inputTokens: 0, outputTokens: 0 }, { input: 2.5, output: 10 })).toBe(0);
  });
});
