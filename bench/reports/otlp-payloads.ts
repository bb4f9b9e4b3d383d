// OTLP/HTTP request bodies for the ingest benchmark, as OpenTelemetry exporters send them: each
// request is one service's batch of SPANS_PER_REQUEST spans (one resource, a scope per
// instrumentation), the services taking turns: agentlab's own eval traces and the foreign services
// of dialect-traces/ (Vercel AI SDK, OpenInference, Traceloop 0.27 and 0.22, a GenAI-instrumented
// web service), so the receiver's normaliser reads every dialect. Content (prompts, messages, tool
// arguments and results) is left out, as agentlab records by default and as the other stacks do
// when told to, or recorded by each stack as by default: `PayloadContent`. OTLP/JSON is the
// ExportTraceServiceRequest in its JSON mapping (hex ids, nanoseconds as decimal strings, enums as
// integers); OTLP/protobuf is the same message encoded by protobufjs from the vendored
// opentelemetry-proto files the receiver decodes with.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AttributeValue } from '@opentelemetry/api';
import protobuf from 'protobufjs';
import type { Type } from 'protobufjs';
import type { SpanKindName, SpanRecord, SpanStatusName } from '../../tracing/index.js';
import { foreignServices, foreignTrace, type ForeignService } from './dialect-traces/index.js';
import type { RandomSource } from './random-source.js';
import { syntheticRun } from './synthetic-run.js';
import { syntheticTrace } from './synthetic-trace.js';

export type OtlpFormat = 'json' | 'protobuf';
/** `none`: no stack records content; `default`: each stack records what it does unless told not to. */
export type PayloadContent = 'none' | 'default';

export interface OtlpPayload {
  format: OtlpFormat;
  contentType: string;
  body: Buffer;
  spans: SpanRecord[];
}

type AnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: number } | { doubleValue: number } | { arrayValue: { values: AnyValue[] } };

const contentTypes: Record<OtlpFormat, string> = { json: 'application/json', protobuf: 'application/x-protobuf' };
const spanKinds: Record<SpanKindName, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const statusCodes: Record<SpanStatusName, number> = { unset: 0, ok: 1, error: 2 };
/** Sampled (0x01), with the has-is-remote bit (0x100) set and is-remote clear: what the SDK writes for its own spans. */
const sampledLocalFlags = 0x101;
const protoFolder = fileURLToPath(new URL('../../reports/otlp/proto/', import.meta.url));
const requestTypeName = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';

function loadRequestType(): Type {
  const root = new protobuf.Root();
  // The files import each other by their path in opentelemetry-proto, which is their path under proto/.
  root.resolvePath = (_origin, target) => join(protoFolder, target);
  root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
  return root.lookupType(requestTypeName);
}

function anyValue(value: AttributeValue): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  return { arrayValue: { values: (value as Array<string | number | boolean | null | undefined>).filter((item) => item !== null && item !== undefined).map((item) => anyValue(item!)) } };
}

function keyValues(attributes: Record<string, AttributeValue>): Array<{ key: string; value: AnyValue }> {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function unixNanos(milliseconds: number): string {
  const whole = Math.floor(milliseconds);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((milliseconds - whole) * 1e6))).toString();
}

/** The spans of one service grouped by instrumentation scope, in the order the scopes first appear. */
function byScope(spans: readonly SpanRecord[]): SpanRecord[][] {
  const groups = new Map<string, SpanRecord[]>();
  for (const span of spans) {
    const group = groups.get(span.scope);
    if (group) group.push(span);
    else groups.set(span.scope, [span]);
  }
  return [...groups.values()];
}

/**
 * The request in the OTLP/JSON mapping, with the fields @opentelemetry/otlp-transformer's serializers
 * add (dropped counts, empty links, flags), so bodies are the size an SDK exporter's are; `id` turns
 * the hex ids into what the format carries. The spans are one service's.
 */
function traceRequest(spans: readonly SpanRecord[], id: (hex: string) => string | Buffer): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: spans[0]?.serviceName ?? 'agentlab' } }], droppedAttributesCount: 0 },
        scopeSpans: byScope(spans).map((scopeSpans) => ({
          scope: { name: scopeSpans[0]!.scope },
          spans: scopeSpans.map((span) => ({
            traceId: id(span.traceId),
            spanId: id(span.spanId),
            ...(span.parentSpanId ? { parentSpanId: id(span.parentSpanId) } : {}),
            name: span.name,
            kind: spanKinds[span.kind],
            startTimeUnixNano: unixNanos(span.startTimeMs),
            endTimeUnixNano: unixNanos(span.endTimeMs),
            attributes: keyValues(span.attributes),
            droppedAttributesCount: 0,
            events: span.events.map((event) => ({ timeUnixNano: unixNanos(event.timeMs), name: event.name, attributes: keyValues(event.attributes), droppedAttributesCount: 0 })),
            droppedEventsCount: 0,
            status: { code: statusCodes[span.status.code], ...(span.status.message ? { message: span.status.message } : {}) },
            links: [],
            droppedLinksCount: 0,
            flags: sampledLocalFlags,
          })),
        })),
      },
    ],
  };
}

/** Endless synthetic agent spans, whole traces in turn, each with fresh ids. */
function* agentlabSpans(random: RandomSource): Generator<SpanRecord> {
  const start = Date.now() - 86_400_000;
  for (let runIndex = 0; ; runIndex++) {
    const { results } = syntheticRun(runIndex % 365, 365, start + runIndex * 3_600_000, random);
    for (const result of results) yield* syntheticTrace(result, random);
  }
}

/** Endless traces of one foreign service, a few seconds apart. */
function* foreignSpans(service: ForeignService, random: RandomSource, content: PayloadContent): Generator<SpanRecord> {
  for (let startTimeMs = Date.now() - 86_400_000; ; startTimeMs += random.integer(500, 5_000)) {
    yield* foreignTrace(service, random, { startTimeMs, defaultContent: content === 'default' });
  }
}

/** The services whose batches the requests carry, in turn. */
export const payloadServices: readonly string[] = ['agentlab', ...foreignServices.map((service) => service.stack)];

export class OtlpPayloadMaker {
  private readonly requestType = loadRequestType();
  private readonly sources: Array<Generator<SpanRecord>>;
  private requests = 0;

  constructor(random: RandomSource, content: PayloadContent) {
    this.sources = [agentlabSpans(random), ...foreignServices.map((service) => foreignSpans(service, random, content))];
  }

  /** The next `count` spans (never sent before) of the next service in turn, as one request body. */
  next(format: OtlpFormat, count: number): OtlpPayload {
    const source = this.sources[this.requests++ % this.sources.length]!;
    const spans: SpanRecord[] = [];
    while (spans.length < count) spans.push(source.next().value as SpanRecord);
    const body =
      format === 'json'
        ? Buffer.from(JSON.stringify(traceRequest(spans, (hex) => hex)))
        : Buffer.from(this.requestType.encode(this.requestType.fromObject(traceRequest(spans, (hex) => Buffer.from(hex, 'hex')))).finish());
    return { format, contentType: contentTypes[format], body, spans };
  }
}
