// A session that serves another model besides the cell's (serveModel): a request naming it goes to
// that model and is recorded with it, priced at its prices; any other name still goes to the cell's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCallStep } from '../../agents/index.js';
import { costUsd, ModelProvider, type ModelHandle } from '../../models/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient } from './test-support.js';

let provider: ModelProvider;
let strong: ModelHandle;
let weak: ModelHandle;
let proxy: ModelProxy;

beforeAll(async () => {
  provider = new ModelProvider({ latency: 'zero', env: {} });
  strong = await provider.open('sim:strong');
  weak = await provider.open('sim:weak');
  proxy = await startModelProxy();
});
afterAll(async () => {
  await proxy.close();
  await provider.close();
});

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'Reply with "hello there"' }] });

describe('a session serving another model', () => {
  it('sends a request naming it to that model, records it with that model and prices each call at its own', async () => {
    const session = proxy.openSession({ model: strong, agent: 'my-agent', seed: 5, captureContent: false });
    const weakName = session.serveModel(weak);
    expect(weakName).toBe('sim:weak');
    expect(session.serveModel(strong)).toBe(session.model);
    const client = agentClient(session);
    const toWeak = await client.chat.completions.create(ask(weakName));
    const toCell = await client.chat.completions.create(ask('gpt-4o'));
    expect([toWeak.model, toCell.model]).toEqual(['weak', 'strong']);
    const recording = await session.close();
    const calls = recording.steps.filter((step): step is ModelCallStep => step.type === 'model_call');
    expect(calls.map((step) => step.model)).toEqual(['weak', 'strong']);
    expect(recording.costUsd).toBeCloseTo(costUsd(calls[0]!, weak.prices!) + costUsd(calls[1]!, strong.prices!), 12);
    // Priced at the cell's model alone, the weak call would have cost about 17 times as much.
    expect(recording.costUsd).toBeLessThan(costUsd(recording.usage, strong.prices!));
  });

  it('leaves the cost to the cell’s prices when it served the cell’s model alone', async () => {
    const session = proxy.openSession({ model: strong, agent: 'my-agent', seed: 5, captureContent: false });
    await agentClient(session).chat.completions.create(ask('sim:weak'));
    const recording = await session.close();
    expect(recording.steps.map((step) => step.type === 'model_call' && step.model)).toEqual(['strong']);
    expect(recording.costUsd).toBeUndefined();
  });
});
