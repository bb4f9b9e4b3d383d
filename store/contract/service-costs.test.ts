// The contract of spend by service over a period on every backend: the whole days read from the daily
// totals and the partial days at the period's edges read from the traces give exactly what summing
// every trace started in the period gives, whatever the period's bounds (midnight, a fraction of a
// millisecond either side, within one day, open, empty), also after later spans move a trace to an
// earlier day or another service.
import { beforeEach, expect, it } from 'vitest';
import { normalizeSpans, type SpanRecord } from '../../tracing/index.js';
import type { PeriodOptions } from '../report-records.js';
import type { ServiceCost, TraceListEntry } from '../trace-records.js';
import { forEachBackend } from './contract-suite.js';

const day = 86_400_000;
const midnight = Date.UTC(2026, 2, 10);
/** The last instant a double can hold before the next midnight. */
const justBeforeNextMidnight = midnight + day - 2 ** -12;

interface ModelCall {
  inputTokens: number;
  costUsd?: number;
}

function span(traceId: string, spanId: string, startTimeMs: number, serviceName: string, call?: ModelCall, parentSpanId?: string): SpanRecord {
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name: call ? 'chat local' : `invoke_agent ${serviceName}`,
    kind: 'internal',
    startTimeMs,
    endTimeMs: startTimeMs + 5,
    durationMs: 5,
    status: { code: 'unset' },
    attributes: call
      ? { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': call.inputTokens, 'gen_ai.usage.output_tokens': 3, ...(call.costUsd === undefined ? {} : { 'gen_ai.usage.cost': call.costUsd }) }
      : { 'gen_ai.operation.name': 'invoke_agent' },
    events: [],
    serviceName,
    scope: 'test',
  };
}

/** A root and one model call, `at` the trace's start. */
function trace(traceId: string, at: number, serviceName: string, call: ModelCall): SpanRecord[] {
  return [span(traceId, 'root', at, serviceName), span(traceId, 'call', at + 1, serviceName, call, 'root')];
}

const periods: Array<[string, PeriodOptions]> = [
  ['everything', {}],
  ['from a midnight on', { since: midnight }],
  ['up to a midnight', { until: midnight + 2 * day }],
  ['a quarter millisecond before a midnight to half one after, three days on', { since: midnight - 0.25, until: midnight + 3 * day + 0.5 }],
  ['within one day', { since: midnight + 0.5, until: midnight + 3_600_000 }],
  ['one whole day, midnight to midnight', { since: midnight + day, until: midnight + 2 * day }],
  ['up to the last instant before a midnight', { since: midnight, until: justBeforeNextMidnight }],
  ['from the last instant before a midnight', { since: justBeforeNextMidnight, until: midnight + 5 * day }],
  ['mid-morning to mid-afternoon four days later', { since: midnight - day + 9 * 3_600_000, until: midnight + 3 * day + 15 * 3_600_000 }],
  ['a period that ends before it starts', { since: midnight + 3 * day, until: midnight + day }],
];

/** Spend by service summed from every trace in the period, as the list gives each one: what serviceCosts must equal. */
function summedFromTraces(traces: readonly TraceListEntry[], period: PeriodOptions): ServiceCost[] {
  const byService = new Map<string, ServiceCost>();
  for (const entry of traces) {
    if (period.since !== undefined && entry.startTimeMs < period.since) continue;
    if (period.until !== undefined && entry.startTimeMs >= period.until) continue;
    const sum = byService.get(entry.serviceName) ?? { serviceName: entry.serviceName, traces: 0, modelCalls: 0, inputTokens: 0, outputTokens: 0, unpricedModelCalls: 0 };
    sum.traces += 1;
    sum.modelCalls += entry.modelCalls;
    sum.inputTokens += entry.inputTokens;
    sum.outputTokens += entry.outputTokens;
    sum.unpricedModelCalls += entry.unpricedModelCalls;
    if (entry.costUsd !== undefined) sum.costUsd = (sum.costUsd ?? 0) + entry.costUsd;
    byService.set(entry.serviceName, sum);
  }
  return [...byService.values()].sort((left, right) => (right.costUsd ?? 0) - (left.costUsd ?? 0) || (left.serviceName < right.serviceName ? -1 : 1));
}

/** Costs summed in another order differ in their last bits only. */
function withCloseCosts(costs: readonly ServiceCost[]): unknown[] {
  return costs.map((cost) => (cost.costUsd === undefined ? cost : { ...cost, costUsd: expect.closeTo(cost.costUsd, 12) }));
}

forEachBackend((context) => {
  beforeEach(async () => {
    const { store } = context;
    const spans = [
      ...trace('billing-1', midnight - 0.25, 'billing', { inputTokens: 100, costUsd: 0.125 }),
      ...trace('billing-2', midnight, 'billing', { inputTokens: 200, costUsd: 0.0625 }),
      ...trace('billing-3', midnight + 0.5, 'billing', { inputTokens: 300, costUsd: 0.1 }),
      ...trace('billing-4', justBeforeNextMidnight, 'billing', { inputTokens: 400, costUsd: 0.2 }),
      ...trace('billing-5', midnight + day + 1_000, 'billing', { inputTokens: 500, costUsd: 0.3 }),
      ...trace('support-1', midnight + 2 * day + 3 * 3_600_000, 'support', { inputTokens: 600, costUsd: 0.7 }),
      ...trace('support-2', midnight + 3 * day - 1, 'support', { inputTokens: 700, costUsd: 0.05 }),
      ...trace('support-3', midnight + 3 * day + 0.5, 'support', { inputTokens: 800, costUsd: 0.9 }),
      ...trace('unpriced-1', midnight + 2 * 3_600_000, 'local-models', { inputTokens: 900 }),
      ...trace('unpriced-2', midnight + 4 * day, 'local-models', { inputTokens: 1_000 }),
      // Until its root arrives, a trace is the service of its earliest span.
      span('moving', 'call', midnight + day + 2 * 3_600_000, 'support', { inputTokens: 1_100, costUsd: 1.5 }, 'root'),
    ];
    await store.writeSpans(normalizeSpans(spans));
    // Later spans: billing-5 gains a call that starts before its midnight (its start moves a day back),
    // and `moving` gets its root on the day before, sent by another service.
    await store.writeSpans(
      normalizeSpans([
        span('billing-5', 'early-call', midnight + day - 2_000, 'billing', { inputTokens: 50, costUsd: 0.01 }, 'root'),
        span('moving', 'root', midnight + 23 * 3_600_000, 'gateway'),
      ]),
    );
  });

  it('sums spend by service over any period exactly as summing every trace started in it does', async () => {
    const { store } = context;
    const traces = await store.traces({ limit: 1_000 });
    expect(traces).toHaveLength(11);
    expect(traces.find((entry) => entry.traceId === 'moving')).toMatchObject({ serviceName: 'gateway', startTimeMs: midnight + 23 * 3_600_000, costUsd: 1.5 });
    for (const [name, period] of periods) {
      expect(await store.serviceCosts(period), name).toEqual(withCloseCosts(summedFromTraces(traces, period)));
    }
  });

  it('keeps the daily totals exact when two stores write spans of the same days and services at once', async () => {
    const other = await context.open();
    // Two services on two days, each trace's root and call sent by both stores in batches that overlap,
    // so their writes take the same days' rows at the same time.
    const spans = Array.from({ length: 40 }, (_, index) =>
      trace(`busy-${index}`, midnight + (index % 2) * day + 5 * 3_600_000 + index, index % 3 === 0 ? 'billing' : 'support', { inputTokens: 10 + index, costUsd: 0.001 * (index + 1) }),
    ).flat();
    await Promise.all([
      ...[0, 20, 40, 60].map((start) => context.store.writeSpans(normalizeSpans(spans.slice(start, start + 20)))),
      ...[10, 30, 50, 70].map((start) => other.writeSpans(normalizeSpans(spans.slice(start, start + 20)))),
      other.writeSpans(normalizeSpans(spans.slice(0, 10))),
    ]);
    const traces = await context.store.traces({ limit: 1_000 });
    expect(traces).toHaveLength(51);
    for (const [name, period] of periods) {
      expect(await context.store.serviceCosts(period), name).toEqual(withCloseCosts(summedFromTraces(traces, period)));
    }
  });

  it('gives a period of whole days and partial edges its figures, a service with no priced call no cost', async () => {
    const { store } = context;
    expect(await store.serviceCosts({ since: midnight - 0.25, until: midnight + day })).toEqual([
      { serviceName: 'gateway', traces: 1, modelCalls: 1, inputTokens: 1_100, outputTokens: 3, costUsd: 1.5, unpricedModelCalls: 0 },
      { serviceName: 'billing', traces: 5, modelCalls: 6, inputTokens: 1_550, outputTokens: 18, costUsd: expect.closeTo(0.125 + 0.0625 + 0.1 + 0.2 + 0.3 + 0.01, 12), unpricedModelCalls: 0 },
      { serviceName: 'local-models', traces: 1, modelCalls: 1, inputTokens: 900, outputTokens: 3, unpricedModelCalls: 1 },
    ]);
    expect(await store.serviceCosts({ since: midnight + 5 * day })).toEqual([]);
  });
});
