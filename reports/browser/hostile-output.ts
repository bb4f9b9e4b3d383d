// A case result written as an attacker would like it: model output, a failed check's reason and a
// trace whose span attributes carry markup that runs script if a page ever inserts it as HTML.
import type { CaseResultRecord, RunRecord, Store } from '../../store/index.js';
import { normalizeSpans, type SpanRecord } from '../../tracing/index.js';

export const scriptPayload = '<script>window.__pwned = true</script>';
export const attributeBreakoutPayload = '"><img src=x onerror="window.__pwned=true">';
export const hostileText = `Sure! ${scriptPayload} and ${attributeBreakoutPayload}`;

export interface HostileResult {
  runId: string;
  caseId: string;
  traceId: string;
  /** The span whose attribute holds the hostile text. */
  spanId: string;
  spanName: string;
}

const traceId = '5c1a7f0e9d2b4c6a8e0f1a2b3c4d5e6f';
const rootSpanId = 'a1b2c3d4e5f60718';
const chatSpanId = 'b2c3d4e5f6071829';

function span(run: RunRecord, startTimeMs: number, fields: Pick<SpanRecord, 'spanId' | 'name' | 'durationMs' | 'attributes'> & Partial<SpanRecord>): SpanRecord {
  return {
    traceId,
    kind: 'internal',
    startTimeMs,
    endTimeMs: startTimeMs + fields.durationMs,
    status: { code: 'unset' },
    events: [],
    serviceName: 'agentlab',
    scope: 'agentlab',
    ...fields,
    attributes: { 'agentlab.run.id': run.id, ...fields.attributes },
  };
}

/** Adds the hostile result to `run` (status fail, react on sim:weak) with a two-span trace. */
export function addHostileResult(store: Store, run: RunRecord): HostileResult {
  const caseId = 'hostile-output';
  const startedAt = run.startedAt + 1_000;
  const result: CaseResultRecord = {
    runId: run.id,
    caseId,
    agent: 'react',
    model: 'sim:weak',
    epoch: 1,
    status: 'fail',
    checks: [
      { check: 'completed', passed: true, reason: 'the agent completed' },
      { check: 'output_contains', passed: false, reason: `expected "42" in the output, got: ${hostileText}` },
    ],
    output: hostileText,
    agentStatus: 'completed',
    toolsCalled: [],
    modelCalls: 1,
    toolCalls: 0,
    inputTokens: 40,
    outputTokens: 12,
    costUsd: 0.0002,
    latencyMs: 30,
    traceId,
    seed: 1,
    tags: ['hostile'],
    startedAt,
    finishedAt: startedAt + 30,
  };
  store.addCaseResult(result);
  store.flush();
  const spanName = 'chat sim:weak';
  store.writeSpans(normalizeSpans([
    span(run, startedAt, {
      spanId: rootSpanId,
      name: 'invoke_agent react',
      durationMs: 30,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'agentlab.case.id': caseId },
    }),
    span(run, startedAt + 5, {
      spanId: chatSpanId,
      parentSpanId: rootSpanId,
      name: spanName,
      kind: 'client',
      durationMs: 20,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'sim:weak', 'gen_ai.output.messages': hostileText },
      events: [{ name: 'gen_ai.choice', timeMs: startedAt + 24, attributes: { content: hostileText } }],
    }),
  ]));
  return { runId: run.id, caseId, traceId, spanId: chatSpanId, spanName };
}
