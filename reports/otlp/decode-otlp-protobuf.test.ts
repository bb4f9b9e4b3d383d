// OTLP/protobuf decoding with the vendored opentelemetry-proto files: bytes ids become hex, fixed64
// nanoseconds and int64 values survive exactly, and bodies that are not the message are rejected.
import { describe, expect, it } from 'vitest';
import { decodeOtlpProtobuf, encodeEmptyTraceResponse } from './decode-otlp-protobuf.js';
import { OtlpDecodeError } from './errors.js';
import { traceServiceTypes } from './trace-proto.js';

const traceIdHex = '0af7651916cd43dd8448eb211c80319c';
const spanIdHex = 'b7ad6b7169203331';
const parentIdHex = '00f067aa0ba902b7';
const bytes = (hex: string) => Buffer.from(hex, 'hex');

function encode(request: Record<string, unknown>): Uint8Array {
  const { request: type } = traceServiceTypes();
  return type.encode(type.fromObject(request)).finish();
}

const sample = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'support-bot' } }] },
      scopeSpans: [
        {
          scope: { name: 'agentlab', version: '0.1.0' },
          spans: [
            {
              traceId: bytes(traceIdHex),
              spanId: bytes(spanIdHex),
              parentSpanId: bytes(parentIdHex),
              name: 'execute_tool search',
              kind: 1,
              startTimeUnixNano: '1700000000000000001',
              endTimeUnixNano: '1700000000250000000',
              attributes: [
                { key: 'gen_ai.tool.name', value: { stringValue: 'search' } },
                { key: 'big', value: { intValue: '9007199254740993' } },
                { key: 'zero', value: { intValue: '0' } },
                { key: 'score', value: { doubleValue: 0.5 } },
                { key: 'ok', value: { boolValue: true } },
                { key: 'payload', value: { bytesValue: Buffer.from([0, 1, 2, 255]) } },
                { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
                { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { intValue: '1' } }] } } },
              ],
              events: [{ timeUnixNano: '1700000000100000000', name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'TimeoutError' } }] }],
              status: { code: 2, message: 'timed out' },
            },
          ],
        },
      ],
    },
  ],
};

describe('decodeOtlpProtobuf', () => {
  it('decodes an ExportTraceServiceRequest into span records with hex ids', () => {
    const [record] = decodeOtlpProtobuf(encode(sample));
    expect(record).toEqual({
      traceId: traceIdHex,
      spanId: spanIdHex,
      parentSpanId: parentIdHex,
      name: 'execute_tool search',
      kind: 'internal',
      startTimeMs: expect.closeTo(1_700_000_000_000.000001, 6),
      endTimeMs: 1_700_000_000_250,
      durationMs: expect.closeTo(250, 5),
      status: { code: 'error', message: 'timed out' },
      attributes: {
        'gen_ai.tool.name': 'search',
        big: '9007199254740993',
        zero: 0,
        score: 0.5,
        ok: true,
        payload: 'AAEC/w==',
        list: ['a', 'b'],
        map: '{"k":1}',
      },
      events: [{ name: 'exception', timeMs: 1_700_000_000_100, attributes: { 'exception.type': 'TimeoutError' } }],
      serviceName: 'support-bot',
      scope: 'agentlab',
    });
  });

  it('reads a root span, whose parent id is empty, as having no parent', () => {
    const root = structuredClone(sample);
    delete (root.resourceSpans[0]!.scopeSpans[0]!.spans[0] as { parentSpanId?: unknown }).parentSpanId;
    expect(decodeOtlpProtobuf(encode(root))[0]!.parentSpanId).toBeUndefined();
  });

  it('reads an empty body as an empty request', () => {
    expect(decodeOtlpProtobuf(new Uint8Array())).toEqual([]);
  });

  it('rejects bytes that are not the message, and spans without ids', () => {
    expect(() => decodeOtlpProtobuf(Buffer.from('{"resourceSpans":[]}'))).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpProtobuf(Buffer.from([0x0a, 0x05, 0x01]))).toThrow(/not a valid protobuf ExportTraceServiceRequest/);
    const withoutIds = encode({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'orphan' }] }] }] });
    expect(() => decodeOtlpProtobuf(withoutIds)).toThrow('resourceSpans[0].scopeSpans[0].spans[0].traceId: is required');
    const shortId = encode({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: bytes('0af765'), spanId: bytes(spanIdHex) }] }] }] });
    expect(() => decodeOtlpProtobuf(shortId)).toThrow(/expected 16 bytes/);
  });

  it('rejects malformed ids and attribute keys with the message and path of the first bad field', () => {
    const valid = { traceId: bytes(traceIdHex), spanId: bytes(spanIdHex) };
    const rejection = (request: Record<string, unknown>) => {
      try {
        decodeOtlpProtobuf(encode(request));
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
        return `${(error as OtlpDecodeError).path} | ${(error as Error).message}`;
      }
      throw new Error('expected the body to be rejected');
    };
    // Bytes of the wrong length are shown as base64, at most 64 characters of it.
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [valid, { ...valid, traceId: bytes('0af765') }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[1].traceId | resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 16 bytes as 32 hex characters or base64, got "Cvdl"',
    );
    expect(rejection({ resourceSpans: [{ scopeSpans: [{}, { spans: [{ ...valid, spanId: bytes(traceIdHex) }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[1].spans[0].spanId | resourceSpans[0].scopeSpans[1].spans[0].spanId: expected 8 bytes as 16 hex characters or base64, got "CvdlGRbNQ92ESOshHIAxnA=="',
    );
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, traceId: Buffer.alloc(60, 7) }] }] }] })).toMatch(/traceId: expected 16 bytes as 32 hex characters or base64, got "(BwcH){16}"$/);
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, traceId: Buffer.alloc(16) }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId | resourceSpans[0].scopeSpans[0].spans[0].traceId: an all-zero id is invalid',
    );
    expect(rejection({ resourceSpans: [{}, { scopeSpans: [{ spans: [valid, valid, { ...valid, parentSpanId: Buffer.alloc(8) }] }] }] })).toBe(
      'resourceSpans[1].scopeSpans[0].spans[2].parentSpanId | resourceSpans[1].scopeSpans[0].spans[2].parentSpanId: an all-zero id is invalid',
    );
    // The parent id is read first, so it is the one reported when the trace id is bad too.
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, traceId: Buffer.alloc(16), parentSpanId: bytes('01') }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].parentSpanId | resourceSpans[0].scopeSpans[0].spans[0].parentSpanId: expected 8 bytes as 16 hex characters or base64, got "AQ=="',
    );
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, spanId: Buffer.alloc(0) }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].spanId | resourceSpans[0].scopeSpans[0].spans[0].spanId: is required',
    );
    const emptyKey = [{ key: 'a', value: { stringValue: 'x' } }, { key: '', value: { stringValue: 'y' } }];
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, attributes: emptyKey }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[1].key | resourceSpans[0].scopeSpans[0].spans[0].attributes[1].key: an attribute needs a key',
    );
    expect(rejection({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...valid, events: [{ name: 'e' }, { name: 'f', attributes: emptyKey }] }] }] }] })).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].events[1].attributes[1].key | resourceSpans[0].scopeSpans[0].spans[0].events[1].attributes[1].key: an attribute needs a key',
    );
    expect(rejection({ resourceSpans: [{ resource: { attributes: [{ key: '' }] }, scopeSpans: [{ spans: [valid] }] }] })).toBe(
      'resourceSpans[0].resource.attributes[0].key | resourceSpans[0].resource.attributes[0].key: an attribute needs a key',
    );
  });

  it('answers a full success with an empty response message', () => {
    expect(encodeEmptyTraceResponse()).toHaveLength(0);
  });
});
