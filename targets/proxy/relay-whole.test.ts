// Whole answers an endpoint compressed although the proxy asked for none: the agent gets the bytes
// and Content-Encoding as sent (its client decodes them), and the record is read from the decoded
// answer.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, handleFor, startScriptedEndpoint } from './test-support.js';

let proxy: ModelProxy;

beforeAll(async () => {
  proxy = await startModelProxy();
});
afterAll(() => proxy.close());

const completion = {
  id: 'chatcmpl-compressed',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
};

const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

describe.each(Object.keys(encoders) as Array<keyof typeof encoders>)('a whole answer in %s', (encoding) => {
  it('reaches the agent as sent and is recorded decoded', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(encoders[encoding](JSON.stringify(completion)));
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const { data, response } = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const recording = await session.close();
    await endpoint.close();
    expect(endpoint.requests[0]!.headers['accept-encoding']).toBeUndefined();
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(data.choices[0]!.message.content).toBe('hello');
    expect(recording.endpointErrors).toEqual([]);
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', responseId: 'chatcmpl-compressed', inputTokens: 12, outputTokens: 3, content: 'hello' })]);
  });
});
