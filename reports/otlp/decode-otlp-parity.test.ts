// OTLP/JSON and OTLP/protobuf carry the same ExportTraceServiceRequest, but the two decoders read it
// through different code (a parsed JSON document; protobufjs messages with bytes, Longs and
// prototype defaults), so the same spans sent both ways must give identical span records.
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import { traceServiceTypes } from './trace-proto.js';

type Json = Record<string, unknown>;

const idFields = new Set(['traceId', 'spanId', 'parentSpanId']);

/** The request as OTLP/JSON writes it: hex ids as they are, bytes as base64, non-finite doubles as strings. */
function jsonBody(request: Json): string {
  const convert = (value: unknown): unknown => {
    if (Buffer.isBuffer(value)) return value.toString('base64');
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (Array.isArray(value)) return value.map(convert);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convert(item)]));
    return value;
  };
  return JSON.stringify(convert(request));
}

/** The request encoded by protobufjs, with the hex ids as bytes. */
function protobufBody(request: Json): Uint8Array {
  const convert = (value: unknown, key?: string): unknown => {
    if (key !== undefined && idFields.has(key) && typeof value === 'string') return Buffer.from(value, 'hex');
    if (Buffer.isBuffer(value)) return value;
    if (Array.isArray(value)) return value.map((item) => convert(item));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, convert(item, field)]));
    return value;
  };
  const { request: type } = traceServiceTypes();
  return type.encode(type.fromObject(convert(request) as Json)).finish();
}

function decodeBothWays(request: Json) {
  return { fromJson: decodeOtlpJson(jsonBody(request)), fromProtobuf: decodeOtlpProtobuf(protobufBody(request)) };
}

/** What the receiver promises for a timestamp: exact whole milliseconds plus the nanoseconds left over. */
function referenceMs(nanos: bigint): number {
  return Number(nanos / 1_000_000n) + Number(nanos % 1_000_000n) / 1e6;
}

const traceId = '0af7651916cd43dd8448eb211c80319c';
const attributeKinds: Json[] = [
  { key: 'string', value: { stringValue: 'hello' } },
  { key: 'empty-string', value: { stringValue: '' } },
  { key: 'unicode', value: { stringValue: 'héllo ✓ 模型' } },
  { key: 'true', value: { boolValue: true } },
  { key: 'false', value: { boolValue: false } },
  { key: 'int', value: { intValue: '42' } },
  { key: 'zero', value: { intValue: '0' } },
  { key: 'negative', value: { intValue: '-7' } },
  { key: 'max-safe', value: { intValue: '9007199254740991' } },
  { key: 'beyond-2^53', value: { intValue: '9007199254740993' } },
  { key: 'below-minus-2^53', value: { intValue: '-9007199254740993' } },
  { key: 'int64-min', value: { intValue: '-9223372036854775808' } },
  { key: 'double', value: { doubleValue: 0.25 } },
  { key: 'double-zero', value: { doubleValue: 0 } },
  { key: 'nan', value: { doubleValue: Number.NaN } },
  { key: 'infinity', value: { doubleValue: Number.POSITIVE_INFINITY } },
  { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 2, 255]) } },
  { key: 'empty-bytes', value: { bytesValue: Buffer.alloc(0) } },
  { key: 'strings', value: { arrayValue: { values: [{ stringValue: 'stop' }, { stringValue: 'length' }] } } },
  { key: 'numbers', value: { arrayValue: { values: [{ intValue: '1' }, { doubleValue: 2.5 }] } } },
  { key: 'with-empty-member', value: { arrayValue: { values: [{ boolValue: true }, {}] } } },
  { key: 'mixed', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '9007199254740993' }, { bytesValue: Buffer.from('hi') }, { intValue: '3' }] } } },
  { key: 'nested-array', value: { arrayValue: { values: [{ arrayValue: { values: [{ intValue: '1' }] } }] } } },
  { key: 'empty-array', value: { arrayValue: {} } },
  {
    key: 'kvlist',
    value: {
      kvlistValue: {
        values: [
          { key: 'role', value: { stringValue: 'user' } },
          { key: 'empty', value: {} },
          { key: 'absent' },
          { key: 'inner', value: { kvlistValue: { values: [{ key: 'n', value: { intValue: '-1' } }, { key: 'b', value: { bytesValue: Buffer.from([9]) } }] } } },
          { key: 'role', value: { doubleValue: 1.5 } },
        ],
      },
    },
  },
  { key: 'empty-kvlist', value: { kvlistValue: {} } },
  { key: 'empty-value', value: {} },
  { key: 'no-value' },
  { key: 'two-members', value: { intValue: '5', stringValue: 'the string wins' } },
  { key: 'repeated', value: { stringValue: 'first' } },
  { key: 'repeated', value: { stringValue: 'last' } },
];

const variedRequest: Json = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'support-bot' } }, { key: 'host.name', value: { stringValue: 'box' } }] },
      scopeSpans: [
        {
          scope: { name: 'agentlab', version: '0.1.0' },
          spans: [
            {
              traceId,
              spanId: 'b7ad6b7169203331',
              parentSpanId: '00f067aa0ba902b7',
              name: 'execute_tool search',
              kind: 3,
              startTimeUnixNano: '1700000000123456789',
              endTimeUnixNano: '1700000001000000001',
              attributes: attributeKinds,
              events: [
                { timeUnixNano: '1700000000500000999', name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'TimeoutError' } }] },
                { name: 'no time or attributes' },
              ],
              status: { code: 2, message: 'timed out' },
            },
            { traceId, spanId: '00f067aa0ba902b7', name: 'root', startTimeUnixNano: '18446744073709551615', endTimeUnixNano: '9007199254740993' },
            { traceId, spanId: '1111111111111111', parentSpanId: '', kind: 42, status: { code: 7 }, startTimeUnixNano: '999999' },
            { traceId, spanId: '2222222222222222', kind: 5, status: { code: 1, message: '' } },
          ],
        },
        { spans: [{ traceId, spanId: '3333333333333333', kind: 2, status: {} }] },
      ],
    },
    { scopeSpans: [{ scope: { name: 'no resource' }, spans: [{ traceId, spanId: '4444444444444444', kind: 4 }] }] },
    { resource: { attributes: [{ key: 'service.name', value: { stringValue: '' } }] }, scopeSpans: [{ spans: [{ traceId, spanId: '5555555555555555' }] }] },
  ],
};

describe('OTLP/JSON and OTLP/protobuf decoding', () => {
  it('give identical span records for the same spans, across every AnyValue kind and optional field', () => {
    const { fromJson, fromProtobuf } = decodeBothWays(variedRequest);
    expect(fromProtobuf).toStrictEqual(fromJson);
    // The shared result is the documented one, not merely the same on both sides.
    expect(fromProtobuf.map((span) => [span.serviceName, span.scope, span.kind, span.status, span.parentSpanId])).toStrictEqual([
      ['support-bot', 'agentlab', 'client', { code: 'error', message: 'timed out' }, '00f067aa0ba902b7'],
      ['support-bot', 'agentlab', 'internal', { code: 'unset' }, undefined],
      ['support-bot', 'agentlab', 'internal', { code: 'unset' }, undefined],
      ['support-bot', 'agentlab', 'consumer', { code: 'ok' }, undefined],
      ['support-bot', '', 'server', { code: 'unset' }, undefined],
      ['unknown', 'no resource', 'producer', { code: 'unset' }, undefined],
      ['unknown', '', 'internal', { code: 'unset' }, undefined],
    ]);
    expect(fromProtobuf[0]!.attributes).toStrictEqual({
      string: 'hello',
      'empty-string': '',
      unicode: 'héllo ✓ 模型',
      true: true,
      false: false,
      int: 42,
      zero: 0,
      negative: -7,
      'max-safe': 9007199254740991,
      'beyond-2^53': '9007199254740993',
      'below-minus-2^53': '-9007199254740993',
      'int64-min': '-9223372036854775808',
      double: 0.25,
      'double-zero': 0,
      nan: Number.NaN,
      infinity: Number.POSITIVE_INFINITY,
      bytes: 'AAEC/w==',
      'empty-bytes': '',
      strings: ['stop', 'length'],
      numbers: [1, 2.5],
      'with-empty-member': [true, null],
      mixed: '["a","9007199254740993","aGk=",3]',
      'nested-array': '[[1]]',
      'empty-array': [],
      kvlist: '{"role":1.5,"empty":null,"absent":null,"inner":{"n":-1,"b":"CQ=="}}',
      'empty-kvlist': '{}',
      'two-members': 'the string wins',
      repeated: 'last',
    });
    expect(fromProtobuf[0]!.events).toStrictEqual([
      { name: 'exception', timeMs: referenceMs(1700000000500000999n), attributes: { 'exception.type': 'TimeoutError' } },
      { name: 'no time or attributes', timeMs: 0, attributes: {} },
    ]);
    expect(fromProtobuf[1]).toMatchObject({ startTimeMs: referenceMs(2n ** 64n - 1n), endTimeMs: referenceMs(2n ** 53n + 1n), durationMs: 0 });
  });

  it('read timestamps exactly, from 0 to the largest fixed64, sub-millisecond nanoseconds included', () => {
    const nanos = [0n, 1n, 999_999n, 1_000_000n, 1_000_001n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 1_700_000_000_123_456_789n, 2n ** 63n, 2n ** 64n - 1n];
    // and a spread of values with every bit pattern in both 32-bit halves
    for (let seed = 1n; nanos.length < 200; ) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      nanos.push(seed);
    }
    const spans = nanos.map((value, index) => ({ traceId, spanId: (index + 1).toString(16).padStart(16, '0'), startTimeUnixNano: value.toString(), endTimeUnixNano: value.toString() }));
    const { fromJson, fromProtobuf } = decodeBothWays({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
    const expected = nanos.map(referenceMs);
    expect(fromProtobuf.map((span) => span.startTimeMs)).toStrictEqual(expected);
    expect(fromJson.map((span) => span.startTimeMs)).toStrictEqual(expected);
  });
});
