// What an agent sees at the proxy's door and beyond it: keys checked per session, embeddings and
// models forwarded, the endpoint's own statuses and headers passed on, and a dead endpoint named.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle, ModelProvider } from '../../models/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, closedPort, handleFor, openSimModel, startScriptedEndpoint } from './test-support.js';

let provider: ModelProvider;
let model: ModelHandle;
let proxy: ModelProxy;

beforeAll(async () => {
  ({ provider, model } = await openSimModel());
  proxy = await startModelProxy();
});
afterAll(async () => {
  await proxy.close();
  await provider.close();
});

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Reply with "hello"' }] };

async function rejection(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OpenAI.APIError)) throw new Error(`expected an API error, got ${String(error)}`);
  return error;
}

describe('sessions', () => {
  it('have their own base URL under /cells and a random key', () => {
    const first = proxy.openSession({ model, agent: 'a', captureContent: false });
    const second = proxy.openSession({ model, agent: 'a', captureContent: false });
    expect(first.baseURL).toMatch(new RegExp(`^${proxy.url}/cells/[0-9a-z]+/v1$`));
    expect(first.baseURL).not.toBe(second.baseURL);
    expect(first.apiKey).not.toBe(second.apiKey);
    expect(first.apiKey.length).toBeGreaterThan(30);
    expect(first.model).toBe('oracle');
  });

  it("refuse another session's key with 401 in OpenAI's error shape", async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const other = proxy.openSession({ model, agent: 'a', captureContent: false });
    const error = await rejection(agentClient({ baseURL: session.baseURL, apiKey: other.apiKey }).chat.completions.create(hello));
    expect(error.status).toBe(401);
    expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'AGENTLAB_PROXY_UNAUTHORIZED' });
    expect((error.error as { message: string }).message).toContain('API key');
    await session.close();
    await other.close();
  });

  it('refuse the key once the session is closed, and record nothing after', async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const client = agentClient(session);
    await client.chat.completions.create(hello);
    const recording = await session.close();
    expect(recording.steps).toHaveLength(1);
    expect((await rejection(client.chat.completions.create(hello))).status).toBe(401);
    expect((await session.close()).steps).toHaveLength(1);
  });

  it('answer routes they do not serve with 404', async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const response = await fetch(`${session.baseURL}/responses`, { method: 'POST', headers: { authorization: `Bearer ${session.apiKey}`, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'AGENTLAB_PROXY_UNKNOWN_ROUTE' } });
    await session.close();
  });

  it('refuse a body that is not JSON with 400', async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const response = await fetch(`${session.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${session.apiKey}`, 'content-type': 'application/json' }, body: '{"model":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'AGENTLAB_PROXY_INVALID_REQUEST' } });
    await session.close();
  });
});

describe('forwarding to the simulator', () => {
  it('forwards embeddings, answered for the cell model whatever the agent names', async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const texts = ['water boils', 'water boils at sea level', 'python release'];
    const proxied = await agentClient(session).embeddings.create({ model: 'text-embedding-3-small', input: texts, encoding_format: 'float' });
    const direct = await model.client.embeddings.create({ model: 'oracle', input: texts, encoding_format: 'float' });
    expect(proxied.data).toEqual(direct.data);
    expect((await session.close()).endpointErrors).toEqual([]);
  });

  it('forwards the model list and one model', async () => {
    const session = proxy.openSession({ model, agent: 'a', captureContent: false });
    const client = agentClient(session);
    const listed = [];
    for await (const entry of client.models.list()) listed.push(entry.id);
    expect(listed).toContain('oracle');
    expect((await client.models.retrieve('strong')).id).toBe('strong');
    expect((await rejection(client.models.retrieve('no-such-model'))).status).toBe(404);
    await session.close();
  });
});

describe('forwarding to a scripted endpoint', () => {
  it('sends the real key, never the session key, and passes a 429 with Retry-After back', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'x-request-id': 'req_123' });
      response.end(JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini', type: 'requests', code: 'rate_limit_exceeded' } }));
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL, 'sk-real-key'), agent: 'a', captureContent: false });
    const error = await rejection(agentClient(session).chat.completions.create(hello));
    const recording = await session.close();
    await endpoint.close();

    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.headers?.get('x-request-id')).toBe('req_123');
    expect(error.error).toMatchObject({ code: 'rate_limit_exceeded' });
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]!.url).toBe('/v1/chat/completions');
    expect(endpoint.requests[0]!.headers.authorization).toBe('Bearer sk-real-key');
    expect(JSON.stringify(endpoint.requests[0]!.headers)).not.toContain(session.apiKey);
    expect(JSON.parse(endpoint.requests[0]!.body)).toMatchObject({ model: 'gpt-4o-mini' });
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', model: 'gpt-4o-mini', error: expect.stringContaining('429') })]);
    expect(recording.endpointErrors).toEqual([`${endpoint.baseURL}/chat/completions answered 429: Rate limit reached for gpt-4o-mini`]);
  });

  it('answers 502 naming the URL tried when the endpoint is down', async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const session = proxy.openSession({ model: handleFor(baseURL), agent: 'a', captureContent: false });
    const error = await rejection(agentClient(session).chat.completions.create(hello));
    const recording = await session.close();
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({ type: 'api_error', code: 'AGENTLAB_PROXY_ENDPOINT_UNREACHABLE' });
    expect(error.message).toContain(`${baseURL}/chat/completions`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(recording.endpointErrors).toHaveLength(1);
    expect(recording.endpointErrors[0]).toContain(`${baseURL}/chat/completions`);
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', inputTokens: 0, error: recording.endpointErrors[0] })]);
  });

  it('aborts the call upstream when the agent hangs up', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    // Never answers: the only way this request ends is the proxy closing it.
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.on('close', upstreamClosed);
      arrived();
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const controller = new AbortController();
    const call = agentClient(session).chat.completions.create(hello, { signal: controller.signal }).catch((error: unknown) => error);
    await arrival;
    controller.abort();
    await closed;
    expect(await call).toBeInstanceOf(OpenAI.APIUserAbortError);
    const recording = await session.close();
    await endpoint.close();
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', error: expect.stringContaining('agent closed the connection') })]);
    expect(recording.endpointErrors).toEqual([]);
  });

  it('aborts calls still in flight when the session closes, after its grace period', async () => {
    const graceless = await startModelProxy({ closeGraceMs: 0 });
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const endpoint = await startScriptedEndpoint(() => arrived());
    const session = graceless.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const call = rejection(agentClient(session).chat.completions.create(hello));
    await arrival;
    const recording = await session.close();
    const error = await call;
    await graceless.close();
    await endpoint.close();
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({ code: 'AGENTLAB_PROXY_SESSION_CLOSED' });
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', error: expect.stringContaining('session closed') })]);
  });
});
