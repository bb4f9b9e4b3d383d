// OTLP/JSON decoding: ids in hex and base64, timestamps as strings and numbers, every AnyValue
// kind, enums as numbers and names, resource and scope, and the errors malformed payloads give.
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { OtlpDecodeError } from './errors.js';

const traceIdHex = '5b8efff798038103d269b633813fc60c';
const spanIdHex = 'eee19b7ec3c1b174';
const parentIdHex = 'aaa19b7ec3c1b173';
const base64Of = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

type Json = Record<string, unknown>;

function request(spans: Json[], resourceAttributes: Json[] = [{ key: 'service.name', value: { stringValue: 'checkout-agent' } }]): Json {
  return { resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'openinference.langchain', version: '1.0' }, spans }] }] };
}

function span(overrides: Json = {}): Json {
  return {
    traceId: traceIdHex,
    spanId: spanIdHex,
    name: 'chat gpt-4o-mini',
    kind: 3,
    startTimeUnixNano: '1700000000123456789',
    endTimeUnixNano: '1700000001123456789',
    ...overrides,
  };
}

const decodeOne = (spanOverrides: Json = {}) => decodeOtlpJson(JSON.stringify(request([span(spanOverrides)])))[0]!;

function decodeError(body: string): OtlpDecodeError {
  try {
    decodeOtlpJson(body);
  } catch (error) {
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect((error as OtlpDecodeError).code).toBe('AGENTLAB_OTLP_INVALID');
    return error as OtlpDecodeError;
  }
  throw new Error('expected the body to be rejected');
}

describe('decodeOtlpJson', () => {
  it('reads a span as the OTLP/JSON spec writes it: hex ids, string nanoseconds, integer enums', () => {
    const record = decodeOne({ parentSpanId: parentIdHex.toUpperCase(), status: { code: 2, message: 'rate limited' } });
    expect(record).toEqual({
      traceId: traceIdHex,
      spanId: spanIdHex,
      parentSpanId: parentIdHex,
      name: 'chat gpt-4o-mini',
      kind: 'client',
      startTimeMs: expect.closeTo(1_700_000_000_123.456789, 6),
      endTimeMs: expect.closeTo(1_700_000_001_123.456789, 6),
      durationMs: expect.closeTo(1000, 6),
      status: { code: 'error', message: 'rate limited' },
      attributes: {},
      events: [],
      serviceName: 'checkout-agent',
      scope: 'openinference.langchain',
    });
  });

  it('accepts base64 ids, which generic protobuf JSON writers send, as the same hex ids', () => {
    const record = decodeOne({ traceId: base64Of(traceIdHex), spanId: base64Of(spanIdHex), parentSpanId: base64Of(parentIdHex) });
    expect([record.traceId, record.spanId, record.parentSpanId]).toEqual([traceIdHex, spanIdHex, parentIdHex]);
  });

  it('reads nanoseconds given as numbers, and keeps sub-millisecond precision from strings', () => {
    const record = decodeOne({ startTimeUnixNano: 1_000_000_500, endTimeUnixNano: '1000002750' });
    expect(record.startTimeMs).toBeCloseTo(1000.0005, 9);
    expect(record.endTimeMs).toBeCloseTo(1000.00275, 9);
    expect(record.durationMs).toBeCloseTo(0.00225, 9);
  });

  it('reads enums given by name, and treats unspecified or unknown kinds as internal', () => {
    expect(decodeOne({ kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_OK' } })).toMatchObject({ kind: 'server', status: { code: 'ok' } });
    expect(decodeOne({ kind: 0 }).kind).toBe('internal');
    expect(decodeOne({ kind: 42 }).kind).toBe('internal');
    expect(decodeOne({ kind: undefined }).kind).toBe('internal');
    expect(decodeOne({ kind: 4 }).kind).toBe('producer');
    expect(decodeOne({ kind: 5 }).kind).toBe('consumer');
    expect(decodeOne({ status: { code: 1 } }).status).toEqual({ code: 'ok' });
    expect(decodeOne({ status: {} }).status).toEqual({ code: 'unset' });
  });

  it('turns every AnyValue kind into an attribute', () => {
    const attributes = decodeOne({
      attributes: [
        { key: 'string', value: { stringValue: 'hello' } },
        { key: 'empty-string', value: { stringValue: '' } },
        { key: 'int-as-string', value: { intValue: '1234' } },
        { key: 'int-as-number', value: { intValue: 56 } },
        { key: 'int-beyond-double', value: { intValue: '9007199254740993' } },
        { key: 'negative-int', value: { intValue: '-7' } },
        { key: 'double', value: { doubleValue: 0.25 } },
        { key: 'double-nan', value: { doubleValue: 'NaN' } },
        { key: 'bool', value: { boolValue: false } },
        { key: 'strings', value: { arrayValue: { values: [{ stringValue: 'stop' }, { stringValue: 'length' }] } } },
        { key: 'numbers', value: { arrayValue: { values: [{ intValue: '1' }, { doubleValue: 2.5 }] } } },
        { key: 'mixed', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }] } } },
        { key: 'empty-array', value: { arrayValue: {} } },
        { key: 'map', value: { kvlistValue: { values: [{ key: 'role', value: { stringValue: 'user' } }, { key: 'tokens', value: { intValue: '3' } }, { key: 'nested', value: { arrayValue: { values: [{ boolValue: true }] } } }] } } },
        { key: 'bytes', value: { bytesValue: 'AAEC/w==' } },
        { key: 'empty-value', value: {} },
        { key: 'no-value' },
      ],
    }).attributes;
    expect(attributes).toEqual({
      string: 'hello',
      'empty-string': '',
      'int-as-string': 1234,
      'int-as-number': 56,
      'int-beyond-double': '9007199254740993',
      'negative-int': -7,
      double: 0.25,
      'double-nan': Number.NaN,
      bool: false,
      strings: ['stop', 'length'],
      numbers: [1, 2.5],
      mixed: '["a",1]',
      'empty-array': [],
      map: '{"role":"user","tokens":3,"nested":[true]}',
      bytes: 'AAEC/w==',
    });
  });

  it('reads events with their times and attributes', () => {
    const record = decodeOne({
      events: [{ timeUnixNano: '1700000000500000000', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }] }],
    });
    expect(record.events).toEqual([{ name: 'exception', timeMs: 1_700_000_000_500, attributes: { 'exception.message': 'boom' } }]);
  });

  it('names the service from the resource, and calls it unknown when the resource has none', () => {
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [span()] }] }, { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'planner' } }] }, scopeSpans: [{ scope: { name: 'agentlab' }, spans: [span({ spanId: parentIdHex })] }] }] };
    const records = decodeOtlpJson(JSON.stringify(body));
    expect(records.map((record) => [record.serviceName, record.scope])).toEqual([['unknown', ''], ['planner', 'agentlab']]);
  });

  it('reads an empty request, and one with empty lists, as no spans', () => {
    expect(decodeOtlpJson('{}')).toEqual([]);
    expect(decodeOtlpJson('{"resourceSpans":[{"scopeSpans":[{"spans":[]}]}]}')).toEqual([]);
    expect(decodeOtlpJson(Buffer.from('{"resourceSpans":[]}'))).toEqual([]);
  });

  it('keeps OpenInference attributes exactly as sent: the normaliser reads them, the receiver does not rewrite them', () => {
    const attributes = decodeOne({
      attributes: [
        { key: 'openinference.span.kind', value: { stringValue: 'LLM' } },
        { key: 'llm.model_name', value: { stringValue: 'gpt-4o' } },
        { key: 'llm.token_count.prompt', value: { intValue: '321' } },
        { key: 'llm.token_count.completion', value: { intValue: '45' } },
      ],
    }).attributes;
    expect(attributes).toEqual({ 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 321, 'llm.token_count.completion': 45 });
  });
});

describe('decodeOtlpJson on malformed payloads', () => {
  it('rejects a body that is not JSON, or is empty', () => {
    expect(decodeError('{"resourceSpans": [').message).toMatch(/not valid JSON/);
    expect(decodeError('').message).toMatch(/empty/);
    expect(decodeError('[]').message).toMatch(/^request: expected an object, got an array/);
  });

  it('rejects wrong shapes, naming the field', () => {
    expect(decodeError('{"resourceSpans": {}}').path).toBe('resourceSpans');
    expect(decodeError('{"resourceSpans": [{"scopeSpans": "spans"}]}').path).toBe('resourceSpans[0].scopeSpans');
    expect(decodeError(JSON.stringify(request([span({ attributes: { key: 'a' } })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].attributes');
    expect(decodeError(JSON.stringify(request([span({ attributes: [{ key: 'a', value: 'plain' }] })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value');
    expect(decodeError(JSON.stringify(request([span({ attributes: [{ key: 'a', value: { intValue: '1.5' } }] })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue');
    expect(decodeError(JSON.stringify(request([span({ name: 7 })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].name');
    expect(decodeError(JSON.stringify(request([span({ kind: { value: 1 } })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].kind');
    expect(decodeError(JSON.stringify(request(['a span' as unknown as Json])))).toMatchObject({ path: 'resourceSpans[0].scopeSpans[0].spans[0]' });
  });

  it('names nested fields exactly, also after nested values that were fine', () => {
    const nested = { key: 'fine', value: { arrayValue: { values: [{ kvlistValue: { values: [{ key: 'k', value: { arrayValue: { values: [{ intValue: '1' }] } } }] } }] } } };
    const spanPath = 'resourceSpans[0].scopeSpans[0].spans[0]';
    const badInt = { key: 'bad', value: { arrayValue: { values: [{ stringValue: 'a' }, { kvlistValue: { values: [{ key: 'k', value: { intValue: '1.5' } }] } }] } } };
    expect(decodeError(JSON.stringify(request([span({ attributes: [nested, badInt] })]))).path).toBe(`${spanPath}.attributes[1].value.arrayValue.values[1].kvlistValue.values[0].value.intValue`);
    expect(decodeError(JSON.stringify(request([span({ attributes: [nested, nested, { key: '', value: {} }] })]))).path).toBe(`${spanPath}.attributes[2].key`);
    const badBool = { key: 'flag', value: { boolValue: 'yes' } };
    expect(decodeError(JSON.stringify(request([span({ attributes: [nested], events: [{ attributes: [nested] }, { attributes: [nested, badBool] }] })]))).path).toBe(`${spanPath}.events[1].attributes[1].value.boolValue`);
    expect(decodeError(JSON.stringify(request([span({ events: [{ attributes: [nested] }] }), span({ spanId: 7 })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[1].spanId');
    expect(decodeError(JSON.stringify(request([span({ status: { code: 1, message: 5 } })]))).path).toBe(`${spanPath}.status.message`);
    expect(decodeError(JSON.stringify(request([], [nested, { key: 'map', value: { kvlistValue: { values: [nested, 'entry'] } } }]))).message).toBe(
      'resourceSpans[0].resource.attributes[1].value.kvlistValue.values[1]: expected an object, got string "entry"',
    );
    expect(decodeError('{"resourceSpans": [{"scopeSpans": [{"scope": {"name": 1}}]}]}').path).toBe('resourceSpans[0].scopeSpans[0].scope.name');
  });

  it('rejects spans without ids, or with ids of the wrong length or all zeroes', () => {
    expect(decodeError(JSON.stringify(request([span({ traceId: undefined })]))).message).toBe('resourceSpans[0].scopeSpans[0].spans[0].traceId: is required');
    expect(decodeError(JSON.stringify(request([span({ spanId: '' })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].spanId');
    expect(decodeError(JSON.stringify(request([span({ traceId: 'abc123' })]))).message).toMatch(/expected 16 bytes as 32 hex characters or base64/);
    expect(decodeError(JSON.stringify(request([span({ spanId: traceIdHex })]))).message).toMatch(/expected 8 bytes/);
    expect(decodeError(JSON.stringify(request([span({ traceId: '0'.repeat(32) })]))).message).toMatch(/all-zero/);
    expect(decodeError(JSON.stringify(request([span({ parentSpanId: 42 })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].parentSpanId');
  });

  it('rejects timestamps that are not non-negative integers', () => {
    expect(decodeError(JSON.stringify(request([span({ startTimeUnixNano: '12.5' })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano');
    expect(decodeError(JSON.stringify(request([span({ endTimeUnixNano: -1 })]))).path).toBe('resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano');
  });
});
