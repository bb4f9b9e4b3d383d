// spanToolSteps: tool spans in the dialects agents send become tool_call steps; other spans do not.
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../tracing/index.js';
import { spanToolSteps } from './index.js';

function span(fields: Partial<SpanRecord> & Pick<SpanRecord, 'name' | 'attributes'>): SpanRecord {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    kind: 'internal',
    startTimeMs: 1_000,
    endTimeMs: 1_004,
    durationMs: 4,
    status: { code: 'unset' },
    events: [],
    serviceName: 'my-agent',
    scope: 'test',
    ...fields,
  };
}

describe('spanToolSteps', () => {
  it('reads GenAI execute_tool spans, failures included, in start order', () => {
    const steps = spanToolSteps(
      [
        span({
          name: 'execute_tool read_file',
          startTimeMs: 2_000,
          status: { code: 'error', message: 'no such file' },
          attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.call.id': 'call_2', 'gen_ai.tool.call.arguments': '{"path":"x"}', 'error.type': 'not_found' },
        }),
        span({ name: 'chat gpt-4o', attributes: { 'gen_ai.operation.name': 'chat' } }),
        span({
          name: 'execute_tool search_web',
          attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search_web', 'gen_ai.tool.call.id': 'call_1', 'gen_ai.tool.call.arguments': '{"query":"water"}', 'gen_ai.tool.call.result': 'Water boils at 100 °C.', 'gen_ai.agent.name': 'researcher' },
        }),
      ],
      { agent: 'my-agent' },
    );
    expect(steps).toEqual([
      { type: 'tool_call', agent: 'researcher', callId: 'call_1', tool: 'search_web', arguments: '{"query":"water"}', ok: true, result: 'Water boils at 100 °C.', latencyMs: 4, startedAt: 1_000 },
      { type: 'tool_call', agent: 'my-agent', callId: 'call_2', tool: 'read_file', arguments: '{"path":"x"}', ok: false, result: 'no such file', errorCode: 'not_found', latencyMs: 4, startedAt: 2_000 },
    ]);
  });

  it('reads Vercel AI SDK and Traceloop tool spans', () => {
    const steps = spanToolSteps([
      span({ name: 'ai.toolCall', attributes: { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'calculator', 'ai.toolCall.id': 'call_3', 'ai.toolCall.args': '{"expression":"17 * 23"}', 'ai.toolCall.result': '391' } }),
      span({ name: 'search.tool', startTimeMs: 1_500, attributes: { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'search', 'traceloop.entity.output': '{"hits":1}' } }),
    ]);
    expect(steps.map((step) => [step.tool, step.callId, step.arguments, step.result])).toEqual([
      ['calculator', 'call_3', '{"expression":"17 * 23"}', '391'],
      ['search', '', '', '{"hits":1}'],
    ]);
  });

  it('leaves out tool spans that name no tool', () => {
    expect(spanToolSteps([span({ name: 'execute_tool', attributes: { 'gen_ai.operation.name': 'execute_tool' } })])).toEqual([]);
  });
});
