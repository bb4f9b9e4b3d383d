import { afterEach, describe, expect, it } from 'vitest';
import { ModelProvider } from './client-factory.js';
import type { AgentlabConfig } from './config-schema.js';
import { ApiKeyMissingError, ModelReferenceError } from './errors.js';

const config: AgentlabConfig = {
  agents: {},
  models: {
    'local-llama': { baseURL: 'http://localhost:11434/v1', model: 'llama3.1:8b', provider: 'ollama' },
    'team-gateway': {
      baseURL: 'https://gateway.example.com/openai/v1',
      model: 'gpt-4.1-mini',
      apiKeyEnv: 'TEAM_GATEWAY_KEY',
    },
  },
  prices: {},
};

const providers: ModelProvider[] = [];

function createProvider(options: ConstructorParameters<typeof ModelProvider>[0] = {}): ModelProvider {
  const provider = new ModelProvider({ latency: 'zero', env: {}, config, ...options });
  providers.push(provider);
  return provider;
}

afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.close()));
});

describe('ModelProvider', () => {
  it('opens sim: references against one shared loopback simulator', async () => {
    const provider = createProvider();
    const oracle = await provider.open('sim:oracle');
    const weak = await provider.open('sim:weak');
    expect(oracle).toMatchObject({
      reference: 'sim:oracle',
      provider: 'agentlab.sim',
      model: 'oracle',
      serverAddress: '127.0.0.1',
      prices: { input: 5, output: 15 },
    });
    expect(oracle.baseURL).toBe(`http://127.0.0.1:${oracle.serverPort}/v1`);
    expect(oracle.serverPort).toBeGreaterThan(0);
    expect(weak.baseURL).toBe(oracle.baseURL);
    expect(weak.client.maxRetries).toBe(0);
    expect(weak.client.timeout).toBe(60_000);
  });

  it('stops its simulator on close', async () => {
    const provider = createProvider();
    const handle = await provider.open('sim:strong');
    await provider.close();
    await expect(fetch(`${handle.baseURL}/models`)).rejects.toThrow();
  });

  it('makes a real chat completion through the simulator', async () => {
    const provider = createProvider();
    const handle = await provider.open('sim:oracle');
    const completion = await handle.client.chat.completions.create({
      model: handle.model,
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(completion.model).toBe('oracle');
    expect(completion.choices[0]?.message.role).toBe('assistant');
    expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('opens openai: references with the key and base URL from the environment', async () => {
    const provider = createProvider({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://eu.api.openai.com/v1' },
    });
    const handle = await provider.open('openai:gpt-4o-mini');
    expect(handle).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      baseURL: 'https://eu.api.openai.com/v1',
      serverAddress: 'eu.api.openai.com',
      serverPort: 443,
      prices: { input: 0.15, output: 0.6 },
    });
    expect(handle.client.apiKey).toBe('sk-test');
  });

  it('names the missing variable when openai: has no key', async () => {
    const provider = createProvider({ env: { OPENAI_BASE_URL: 'https://api.openai.com/v1' } });
    const error = await provider.open('openai:gpt-4o').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiKeyMissingError);
    expect(error).toMatchObject({ code: 'AGENTLAB_API_KEY_MISSING', variable: 'OPENAI_API_KEY' });
    expect((error as Error).message).toContain('set the environment variable OPENAI_API_KEY');
  });

  it('opens config models with their provider, endpoint and key variable', async () => {
    const provider = createProvider({ env: { TEAM_GATEWAY_KEY: 'gateway-secret' } });
    const local = await provider.open('local-llama');
    expect(local).toMatchObject({
      provider: 'ollama',
      model: 'llama3.1:8b',
      serverAddress: 'localhost',
      serverPort: 11434,
    });
    expect(local.prices).toBeUndefined();
    const gateway = await provider.open('team-gateway');
    expect(gateway).toMatchObject({ provider: 'openai', prices: { input: 0.4, output: 1.6 } });
    expect(gateway.client.apiKey).toBe('gateway-secret');
  });

  it('names the missing variable of a config model', async () => {
    const error = await createProvider().open('team-gateway').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AGENTLAB_API_KEY_MISSING', variable: 'TEAM_GATEWAY_KEY' });
  });

  it('rejects invalid references without starting anything', async () => {
    await expect(createProvider().open('sim:genius')).rejects.toBeInstanceOf(ModelReferenceError);
  });

  it('rejects an OPENAI_BASE_URL that is not a URL', async () => {
    const provider = createProvider({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'api.openai.com' } });
    await expect(provider.open('openai:gpt-4o')).rejects.toMatchObject({
      code: 'AGENTLAB_BASE_URL_INVALID',
      message: 'Model openai:gpt-4o: OPENAI_BASE_URL is not an http:// or https:// URL: "api.openai.com".',
    });
  });
});
