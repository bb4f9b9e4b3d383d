// POST /v1/traces over a real socket: success answers in the request's format, malformed bodies get
// 400 and leave the server serving, and size limits, compression, auth and media types hold.
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { traceServiceTypes } from './trace-proto.js';
import { registerOtlpRoutes } from './otlp-routes.js';
import { startTestReceiver } from './test-support.js';
import type { TestReceiver } from './test-support.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

function jsonRequest(spanId: string, name = 'chat sim:strong'): string {
  return JSON.stringify({
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'route-test' } }] },
      scopeSpans: [{ scope: { name: 'test' }, spans: [{ traceId, spanId, name, kind: 3, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000500000000' }] }],
    }],
  });
}

function protobufRequest(spanId: string): Uint8Array {
  const { request } = traceServiceTypes();
  const message = request.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(traceId, 'hex'), spanId: Buffer.from(spanId, 'hex'), name: 'proto span', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] });
  return request.encode(message).finish();
}

const postJson = (url: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const postProtobuf = (url: string, body: Uint8Array, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...headers }, body });

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('POST /v1/traces', () => {
  it('stores OTLP/JSON spans and answers {}', async () => {
    receiver = await startTestReceiver();
    const response = await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902b7'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({});
    expect(receiver.store.spans(traceId).map((span) => [span.spanId, span.name, span.serviceName])).toEqual([['00f067aa0ba902b7', 'chat sim:strong', 'route-test']]);
  });

  it('stores OTLP/protobuf spans and answers with an empty protobuf response', async () => {
    receiver = await startTestReceiver();
    const response = await postProtobuf(receiver.tracesUrl, protobufRequest('00f067aa0ba902b8'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    expect(receiver.store.spans(traceId).map((span) => span.name)).toEqual(['proto span']);
  });

  it('answers malformed JSON and protobuf with 400 and keeps serving valid requests', async () => {
    receiver = await startTestReceiver();
    const badJson = await postJson(receiver.tracesUrl, '{"resourceSpans": [{');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: { code: 'AGENTLAB_OTLP_INVALID', message: expect.stringMatching(/not valid JSON/) } });

    const badShape = await postJson(receiver.tracesUrl, '{"resourceSpans": [{"scopeSpans": [{"spans": [{"name": "no ids"}]}]}]}');
    expect(badShape.status).toBe(400);
    expect(((await badShape.json()) as { error: { message: string } }).error.message).toBe('resourceSpans[0].scopeSpans[0].spans[0].traceId: is required');

    const badProtobuf = await postProtobuf(receiver.tracesUrl, Buffer.from('definitely not protobuf'));
    expect(badProtobuf.status).toBe(400);
    expect(((await badProtobuf.json()) as { error: { message: string } }).error.message).toMatch(/not a valid protobuf/);

    expect((await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902b9'))).status).toBe(200);
    expect((await postProtobuf(receiver.tracesUrl, protobufRequest('00f067aa0ba902ba'))).status).toBe(200);
    expect(receiver.store.spans(traceId)).toHaveLength(2);
  });

  it('refuses bodies beyond the limit with 413, and takes ones within it', async () => {
    receiver = await startTestReceiver({ bodyLimitBytes: 1024 });
    const oversized = await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902bb', 'x'.repeat(2048)));
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toEqual({ error: { code: 'AGENTLAB_OTLP_TOO_LARGE', message: 'The request body is larger than the 1024 bytes this receiver accepts.' } });
    expect((await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902bc'))).status).toBe(200);
    expect(receiver.store.spans(traceId).map((span) => span.spanId)).toEqual(['00f067aa0ba902bc']);
  });

  it('undoes gzip, and refuses bodies that inflate past the decompressed limit with 413', async () => {
    receiver = await startTestReceiver({ decompressedLimitBytes: 4096 });
    const zipped = await postJson(receiver.tracesUrl, gzipSync(jsonRequest('00f067aa0ba902bd')), { 'content-encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    const zippedProtobuf = await postProtobuf(receiver.tracesUrl, gzipSync(protobufRequest('00f067aa0ba902be')), { 'content-encoding': 'gzip' });
    expect(zippedProtobuf.status).toBe(200);
    expect(receiver.store.spans(traceId)).toHaveLength(2);

    const bomb = gzipSync(jsonRequest('00f067aa0ba902bf', ' '.repeat(100_000)));
    expect(bomb.length).toBeLessThan(4096);
    const refused = await postJson(receiver.tracesUrl, bomb, { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AGENTLAB_OTLP_TOO_LARGE');

    const corrupt = await postJson(receiver.tracesUrl, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(corrupt.status).toBe(400);
    expect((await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902c0'), { 'content-encoding': 'br' })).status).toBe(415);
  });

  it('answers 401 when authorize refuses, before storing anything', async () => {
    receiver = await startTestReceiver({ authorize: (request) => request.headers.authorization === 'Bearer s3cret' });
    const refused = await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902c1'));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AGENTLAB_OTLP_UNAUTHORIZED');
    expect((await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902c2'), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(receiver.store.spans(traceId)).toEqual([]);
    expect((await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902c3'), { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect(receiver.store.spans(traceId)).toHaveLength(1);
  });

  it('answers other media types with 415', async () => {
    receiver = await startTestReceiver();
    const response = await fetch(receiver.tracesUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: jsonRequest('00f067aa0ba902c4') });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AGENTLAB_OTLP_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 503, which exporters retry, when the store cannot take the spans', async () => {
    receiver = await startTestReceiver({ store: { writeSpans: () => Promise.reject(new Error('database is locked')) } });
    const response = await postJson(receiver.tracesUrl, jsonRequest('00f067aa0ba902c5'));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/could not be stored: database is locked/);
  });
});

describe('registerOtlpRoutes in a larger app', () => {
  it('leaves JSON parsing and error answers of the other routes as Fastify makes them', async () => {
    const app = Fastify();
    registerOtlpRoutes(app, { store: { writeSpans: () => undefined }, bodyLimitBytes: 64 });
    app.post('/api/echo', async (request) => ({ received: request.body }));
    const echoed = await app.inject({ method: 'POST', url: '/api/echo', payload: { long: 'x'.repeat(200) } });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.json()).toEqual({ received: { long: 'x'.repeat(200) } });
    const badJson = await app.inject({ method: 'POST', url: '/api/echo', headers: { 'content-type': 'application/json' }, payload: '{bad' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    const protobufElsewhere = await app.inject({ method: 'POST', url: '/api/echo', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from([1, 2]) });
    expect(protobufElsewhere.statusCode).toBe(415);
    await app.close();
  });
});
