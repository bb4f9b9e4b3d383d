// Streams as endpoints really send them: events split across writes, CRLF line ends, comments,
// compressed although the proxy asked for no compression, and cut off midway. The agent gets every
// event but the usage chunk it did not ask for.
import { createBrotliCompress, createDeflate, createGzip, constants as zlibConstants, type Gzip } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, handleFor, startScriptedEndpoint } from './test-support.js';

let proxy: ModelProxy;

beforeAll(async () => {
  proxy = await startModelProxy();
});
afterAll(() => proxy.close());

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-2024-07-18', choices, ...extra });
const delta = (value: Record<string, unknown>, finishReason: string | null = null) => chunk([{ index: 0, delta: value, finish_reason: finishReason }], { usage: null });

const events = [
  delta({ role: 'assistant', content: '' }),
  delta({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'calculator', arguments: '' } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '{"expression":' } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '"17 * 23"}' } }] }),
  delta({}, 'tool_calls'),
  chunk([], { usage: { prompt_tokens: 41, completion_tokens: 9, total_tokens: 50 } }),
];

/** The stream as text with CRLF line ends and a comment, cut into pieces of 7 characters. */
function crlfPieces(): string[] {
  const text = `: keep-alive\r\n\r\n${events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join('')}data: [DONE]\r\n\r\n`;
  return text.match(/[\s\S]{1,7}/g)!;
}

describe('relaying a stream', () => {
  it('reassembles events split across writes, hides the usage chunk, and records the call', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const pieces = crlfPieces();
      const writeNext = () => {
        const piece = pieces.shift();
        if (piece === undefined) response.end();
        else response.write(piece, () => setImmediate(writeNext));
      };
      writeNext();
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const stream = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'Calculate 17 * 23' }], stream: true });
    const received = [];
    for await (const part of stream) received.push(part);
    const recording = await session.close();
    await endpoint.close();

    expect(JSON.parse(endpoint.requests[0]!.body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(received).toHaveLength(events.length - 1);
    expect(received.some((part) => part.choices.length === 0)).toBe(false);
    expect(recording.steps).toEqual([
      expect.objectContaining({
        type: 'model_call',
        inputTokens: 41,
        outputTokens: 9,
        finishReason: 'tool_calls',
        responseId: 'chatcmpl-scripted',
        responseModel: 'gpt-4o-mini-2024-07-18',
        toolCalls: [{ id: 'call_a', name: 'calculator', arguments: '{"expression":"17 * 23"}' }],
      }),
      expect.objectContaining({ type: 'tool_call', callId: 'call_a', errorCode: 'no_result' }),
    ]);
    expect(recording.usage.totalTokens).toBe(50);
  });

  it('cuts the agent off when the endpoint does, and records the failure', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify(events[0])}\n\n`, () => response.destroy());
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const stream = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const failure = await (async () => {
      for await (const part of stream) void part;
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    const recording = await session.close();
    await endpoint.close();
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(recording.endpointErrors).toEqual([`the model endpoint at ${endpoint.baseURL}/chat/completions cut the stream off before it ended`]);
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', error: recording.endpointErrors[0] })]);
  });

  it('closes the call upstream when the agent hangs up midway, and records what it got', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    // Sends one event and never ends: the only way this stream ends is the proxy closing it.
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.on('close', upstreamClosed);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify(events[1])}\n\n`);
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const controller = new AbortController();
    const stream = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true }, { signal: controller.signal });
    // The openai client ends its iteration quietly when its own signal aborts it.
    for await (const part of stream) {
      void part;
      controller.abort();
    }
    await closed;
    const recording = await session.close();
    await endpoint.close();
    expect(recording.endpointErrors).toEqual([]);
    expect(recording.steps).toEqual([
      expect.objectContaining({ type: 'model_call', error: expect.stringContaining('agent closed the connection'), toolCalls: [{ id: 'call_a', name: 'calculator', arguments: '' }] }),
    ]);
  });
});

const compressors = {
  gzip: () => createGzip({ flush: zlibConstants.Z_SYNC_FLUSH }),
  deflate: () => createDeflate({ flush: zlibConstants.Z_SYNC_FLUSH }),
  br: () => createBrotliCompress({ flush: zlibConstants.BROTLI_OPERATION_FLUSH }),
};

async function drain(stream: AsyncIterable<unknown>): Promise<{ received: unknown[]; failure: unknown }> {
  const received: unknown[] = [];
  try {
    for await (const part of stream) received.push(part);
  } catch (error) {
    return { received, failure: error };
  }
  return { received, failure: undefined };
}

describe.each(Object.keys(compressors) as Array<keyof typeof compressors>)('relaying a stream in %s', (encoding) => {
  it('decodes it for the agent, which is sent no Content-Encoding, and records the call', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': encoding });
      const compressor = compressors[encoding]() as Gzip;
      compressor.pipe(response);
      const pieces = crlfPieces();
      const writeNext = () => {
        const piece = pieces.shift();
        if (piece === undefined) compressor.end();
        else compressor.write(piece, () => setImmediate(writeNext));
      };
      writeNext();
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const { data: stream, response } = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'Calculate 17 * 23' }], stream: true }).withResponse();
    const { received, failure } = await drain(stream);
    const recording = await session.close();
    await endpoint.close();
    expect(failure).toBeUndefined();
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(received).toHaveLength(events.length - 1);
    expect(recording.endpointErrors).toEqual([]);
    expect(recording.steps[0]).toMatchObject({ type: 'model_call', inputTokens: 41, outputTokens: 9, finishReason: 'tool_calls' });
  });

  it('cuts the agent off when the endpoint does, and records the failure', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': encoding });
      const compressor = compressors[encoding]() as Gzip;
      compressor.pipe(response);
      compressor.write(`data: ${JSON.stringify(events[0])}\n\n`, () => setTimeout(() => response.destroy(), 20));
    });
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'a', captureContent: false });
    const stream = await agentClient(session).chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const { received, failure } = await drain(stream);
    const recording = await session.close();
    await endpoint.close();
    expect(received).toHaveLength(1);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(recording.endpointErrors).toEqual([`the model endpoint at ${endpoint.baseURL}/chat/completions cut the stream off before it ended`]);
    expect(recording.steps).toEqual([expect.objectContaining({ type: 'model_call', error: recording.endpointErrors[0] })]);
  });
});
