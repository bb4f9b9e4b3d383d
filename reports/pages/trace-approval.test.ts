// An approval gate as the trace page shows it, from spans made with the real OpenTelemetry SDK: the
// gated execute_tool span gets a line in the waterfall (`approved by ana at … (reason)`, the time
// read from its decided event when the span's attributes lack it), and its
// events read as sentences in the span panel, their attributes not repeated as raw names. A reason
// holding markup is shown as text.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { AgentlabAttribute, AgentlabEvent, normalizingSink, setupTracing } from '../../tracing/index.js';
import { buildApp } from '../app.js';
import { getJson } from '../test-support.js';
import type { TracePageData } from './trace-page.js';

let store: Store;
let app: FastifyInstance;
let traceId = '';
let approvedSpanId = '';
let pausedSpanId = '';
const decidedAt = '2026-03-04T10:20:00.000Z';
const reason = 'a draft, safe to remove <b>really</b>';

beforeAll(async () => {
  store = openStore(':memory:');
  const tracing = setupTracing({ sinks: [normalizingSink(store)], environment: {}, exportDelayMs: 10 });
  const tracer = tracing.tracer;
  tracer.startActiveSpan('invoke_agent react', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'react' } }, (root) => {
    traceId = root.spanContext().traceId;
    // The run paused at this call: the span ended carrying only the request.
    const paused = tracer.startSpan('execute_tool delete_file', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'delete_file', [AgentlabAttribute.approvalId]: 'ap1', [AgentlabAttribute.approvalStatus]: 'pending' } });
    paused.addEvent(AgentlabEvent.approvalRequested, { [AgentlabAttribute.approvalId]: 'ap1', 'gen_ai.tool.name': 'delete_file' });
    pausedSpanId = paused.spanContext().spanId;
    paused.end();
    // Resumed: the call runs, approved.
    const gated = tracer.startSpan('execute_tool delete_file', {
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'delete_file',
        [AgentlabAttribute.approvalId]: 'ap1',
        [AgentlabAttribute.approvalStatus]: 'approved',
        [AgentlabAttribute.approvalDecidedBy]: 'ana',
        // As agentlab's runs record it: the time only on the decided event.
        [AgentlabAttribute.approvalReason]: reason,
      },
    });
    gated.addEvent(AgentlabEvent.approvalDecided, {
      [AgentlabAttribute.approvalId]: 'ap1',
      [AgentlabAttribute.approvalStatus]: 'approved',
      [AgentlabAttribute.approvalDecidedBy]: 'ana',
      [AgentlabAttribute.approvalDecidedAt]: decidedAt,
      [AgentlabAttribute.approvalReason]: reason,
    });
    approvedSpanId = gated.spanContext().spanId;
    gated.end();
    root.end();
  });
  await tracing.shutdown();
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

describe('a trace with an approval gate', () => {
  it('says under each gated call how the gate stood', async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${traceId}`);
    const approval = (spanId: string) => data.spans.find((span) => span.spanId === spanId)?.approval;
    expect(approval(approvedSpanId)).toBe(`approved by ana at 2026-03-04 10:20 UTC (${reason})`);
    expect(approval(pausedSpanId)).toBe('waiting for approval');
    expect(data.spans.find((span) => span.name === 'invoke_agent react')?.approval).toBeUndefined();
    const html = (await app.inject({ url: `/traces/${traceId}` })).body;
    expect(html).toContain('<div class="span-approval">approved by ana at 2026-03-04 10:20 UTC (a draft, safe to remove &lt;b&gt;really&lt;/b&gt;)</div>');
    expect(html).not.toContain('<b>really</b>');
  });

  it('titles the approval events as sentences in the span panel, for the server and the script alike', async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${traceId}?span=${approvedSpanId}`);
    expect(data.selectedSpan.events).toEqual([
      { name: AgentlabEvent.approvalDecided, title: `Approved by ana at 2026-03-04 10:20 UTC (${reason})`, detail: 'agentlab.approval.id ap1', exception: false },
    ]);
    const html = (await app.inject({ url: `/traces/${traceId}?span=${pausedSpanId}` })).body;
    expect(html).toContain('<strong>Approval requested</strong> <span class="muted">agentlab.approval.id ap1 · gen_ai.tool.name delete_file</span>');
  });
});
