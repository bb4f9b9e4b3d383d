// The trace of one synthetic result, shaped as agentlab's agents record it (agents/core/run-tracing.ts):
// an `invoke_agent` root carrying the run, case and epoch, then `chat` and `execute_tool` spans in
// turn, with GenAI token and cost attributes, retry events and exception events on failed tools.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../../tracing/index.js';
import { AgentlabAttribute, GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName } from '../../tracing/index.js';
import type { RandomSource } from './random-source.js';
import type { SyntheticResult } from './synthetic-run.js';

const provider = 'agentlab.sim';
const serviceName = 'agentlab';
const scope = 'agentlab';

function span(fields: Omit<SpanRecord, 'durationMs' | 'serviceName' | 'scope' | 'events'> & { events?: SpanRecord['events'] }): SpanRecord {
  return { ...fields, durationMs: fields.endTimeMs - fields.startTimeMs, events: fields.events ?? [], serviceName, scope };
}

export function syntheticTrace(result: SyntheticResult, random: RandomSource): SpanRecord[] {
  const { record } = result;
  const model = record.model.replace(/^sim:/, '');
  const rootId = random.hex(8);
  const failed = record.agentStatus !== 'completed';
  const rootAttributes: Record<string, AttributeValue> = {
    [GenAiAttribute.operationName]: GenAiOperation.invokeAgent,
    [GenAiAttribute.agentName]: record.agent,
    [GenAiAttribute.providerName]: provider,
    [GenAiAttribute.requestModel]: model,
    [AgentlabAttribute.runId]: record.runId,
    [AgentlabAttribute.caseId]: record.caseId,
    [AgentlabAttribute.epoch]: record.epoch,
    [GenAiAttribute.usageInputTokens]: record.inputTokens,
    [GenAiAttribute.usageOutputTokens]: record.outputTokens,
    [AgentlabAttribute.agentStatus]: record.agentStatus,
    [GenAiAttribute.usageCost]: record.costUsd ?? 0,
    ...(failed ? { [GeneralAttribute.errorType]: record.error?.code ?? record.agentStatus } : {}),
  };
  const spans: SpanRecord[] = [
    span({
      traceId: record.traceId,
      spanId: rootId,
      name: genAiSpanName(GenAiOperation.invokeAgent, record.agent),
      kind: 'internal',
      startTimeMs: record.startedAt,
      endTimeMs: record.startedAt + record.latencyMs,
      status: failed ? { code: 'error', message: record.error?.message ?? `the agent ended with status ${record.agentStatus}` } : { code: 'unset' },
      attributes: rootAttributes,
    }),
  ];
  let clock = record.startedAt;
  result.modelCalls.forEach((call, index) => {
    const last = index === result.modelCalls.length - 1;
    const callFailed = record.status === 'error' && last;
    spans.push(
      span({
        traceId: record.traceId,
        spanId: random.hex(8),
        parentSpanId: rootId,
        name: genAiSpanName(GenAiOperation.chat, model),
        kind: 'client',
        startTimeMs: clock,
        endTimeMs: clock + call.durationMs,
        status: callFailed ? { code: 'error', message: '500 Internal Server Error' } : { code: 'unset' },
        attributes: {
          [GenAiAttribute.operationName]: GenAiOperation.chat,
          [GenAiAttribute.providerName]: provider,
          [GenAiAttribute.requestModel]: model,
          [GenAiAttribute.requestTemperature]: 0,
          [GenAiAttribute.requestSeed]: record.seed,
          [GenAiAttribute.outputType]: 'text',
          [GeneralAttribute.serverAddress]: '127.0.0.1',
          [GeneralAttribute.serverPort]: 4000,
          [GenAiAttribute.usageInputTokens]: call.inputTokens,
          [GenAiAttribute.usageOutputTokens]: call.outputTokens,
          [AgentlabAttribute.attempts]: call.attempts,
          [GenAiAttribute.responseId]: `chatcmpl-${random.hex(7)}`,
          [GenAiAttribute.responseModel]: model,
          [GenAiAttribute.responseFinishReasons]: [last ? 'stop' : 'tool_calls'],
          [GenAiAttribute.usageCost]: call.costUsd,
          ...(callFailed ? { [GeneralAttribute.errorType]: '500' } : {}),
        },
        events:
          call.attempts > 1
            ? [{ name: 'gen_ai.client.retry', timeMs: clock + 200, attributes: { attempt: 1, [GeneralAttribute.errorType]: '429', 'retry.wait_ms': 1000 } }]
            : [],
      }),
    );
    clock += call.durationMs;
    const tool = result.toolCalls[index];
    if (!tool) return;
    const callId = `call_${random.hex(6)}`;
    spans.push(
      span({
        traceId: record.traceId,
        spanId: random.hex(8),
        parentSpanId: rootId,
        name: genAiSpanName(GenAiOperation.executeTool, tool.tool),
        kind: 'internal',
        startTimeMs: clock,
        endTimeMs: clock + tool.durationMs,
        status: tool.ok ? { code: 'unset' } : { code: 'error', message: `${tool.tool} failed: no such file` },
        attributes: {
          [GenAiAttribute.operationName]: GenAiOperation.executeTool,
          [GenAiAttribute.toolName]: tool.tool,
          [GenAiAttribute.toolType]: 'function',
          [GenAiAttribute.toolCallId]: callId,
          ...(tool.ok ? {} : { [GeneralAttribute.errorType]: 'tool_error' }),
        },
        events: tool.ok
          ? []
          : [
              {
                name: 'exception',
                timeMs: clock + tool.durationMs,
                attributes: {
                  'exception.type': 'Error',
                  'exception.message': `${tool.tool} failed: no such file`,
                  'exception.stacktrace': `Error: ${tool.tool} failed: no such file\n    at RunTracing.endTool (agents/core/run-tracing.ts:139:47)\n    at reactLoop (agents/core/react-loop.ts:88:15)`,
                },
              },
            ],
      }),
    );
    clock += tool.durationMs;
  });
  return spans;
}
