// OpenAI-shaped errors, the models list and hashed embeddings, over real HTTP.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimServer } from './server.js';
import { startTestServer } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

async function postRaw(body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: await response.json() };
}

describe('errors', () => {
  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await client.chat.completions.create({ model: 'gpt-17', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as Error).message).toContain('gpt-17');
  });

  it('answers an invalid body with 400 naming the field, in OpenAI error shape', async () => {
    const badRole = await postRaw(JSON.stringify({ model: 'oracle', messages: [{ role: 'user', content: 'hi' }, { role: 'robot', content: 'x' }] }));
    expect(badRole.status).toBe(400);
    expect(badRole.json).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages[1].role', code: 'invalid_value' } });
    expect((badRole.json as { error: { message: string } }).error.message).toContain("messages[1].role");

    const noMessages = await postRaw(JSON.stringify({ model: 'oracle' }));
    expect(noMessages.json).toMatchObject({ error: { param: 'messages' } });

    const notJson = await postRaw('{"model": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ error: { type: 'invalid_request_error' } });

    const error = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'hi' }], temperature: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
  });
});

describe('models and embeddings', () => {
  it('lists every served profile as a model', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['oracle', 'strong', 'weak', 'flaky', 'looping', 'small']);
  });

  it('embeds deterministically, closer for texts that share words, in float and base64', async () => {
    const cosine = (left: number[], right: number[]) => left.reduce((sum, value, index) => sum + value * right[index]!, 0);
    const texts = ['the boiling point of water', 'water boils at a high point', 'Ada Lovelace wrote programs'];
    const base64 = await client.embeddings.create({ model: 'strong', input: texts });
    const floats = await client.embeddings.create({ model: 'strong', input: texts, encoding_format: 'float' });
    const [water, boils, lovelace] = base64.data.map((item) => item.embedding);
    expect(water).toHaveLength(256);
    expect(cosine(water!, boils!)).toBeGreaterThan(cosine(water!, lovelace!) + 0.2);
    floats.data.forEach((item, index) => item.embedding.forEach((value, dimension) => expect(value).toBeCloseTo(base64.data[index]!.embedding[dimension]!, 6)));
    expect((await client.embeddings.create({ model: 'strong', input: texts })).data).toEqual(base64.data);
    expect(base64.usage.prompt_tokens).toBeGreaterThan(10);
    const small = await client.embeddings.create({ model: 'strong', input: 'x', dimensions: 16 });
    expect(small.data[0]!.embedding).toHaveLength(16);
  });
});
