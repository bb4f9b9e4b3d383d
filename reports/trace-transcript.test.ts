// A trace's transcript reads the same conversation out of every dialect: the attributes here are
// those the real stacks write (tracing/stacks: Vercel AI 6, OpenInference on openai 6, Traceloop 0.22
// and 0.27, agentlab's own GenAI spans), one run of "search, then calculate, then answer".
import { describe, expect, it } from 'vitest';
import { normalizeSpans } from '../tracing/index.js';
import type { SpanRecord } from '../tracing/index.js';
import { traceTranscript } from './trace-transcript.js';
import type { TranscriptEntry } from './trace-transcript.js';

const system = 'You are a helpful agent. Use the tools to answer.';
const goal = 'Search the web for the boiling point of water, then calculate 17 * 23.';
const found = 'Water boils at 100 °C (212 °F) at sea level.';
const answer = 'Water boils at 100 °C.\n17 * 23 = 391.';
const searchArguments = '{"query":"the boiling point of water"}';
const calculatorArguments = '{"expression":"17 * 23"}';

let clock = 1_000;

/** A span of the trace, one after the other in time: a root, then children in the order given. */
function span(name: string, attributes: SpanRecord['attributes'], fields: Partial<SpanRecord> = {}): SpanRecord {
  const startTimeMs = clock;
  clock += 10;
  return {
    traceId: 'trace-1',
    spanId: `span-${startTimeMs}`,
    parentSpanId: 'root',
    name,
    kind: 'internal',
    startTimeMs,
    endTimeMs: startTimeMs + 9,
    durationMs: 9,
    status: { code: 'unset' },
    attributes,
    events: [],
    serviceName: 'agent',
    scope: 'test',
    ...fields,
  };
}

function root(name: string, attributes: SpanRecord['attributes'], children: SpanRecord[]): SpanRecord[] {
  const first = children[0]?.startTimeMs ?? clock;
  return [{ ...span(name, attributes, { spanId: 'root', startTimeMs: first - 1 }), parentSpanId: undefined, endTimeMs: clock, durationMs: clock - first + 1 } as SpanRecord, ...children];
}

/** What a person reads: the role and the text, calls and results of each entry. */
function read(entries: TranscriptEntry[]): unknown[] {
  return entries.map((entry) => [
    entry.role,
    ...(entry.text !== undefined ? [entry.text] : []),
    ...(entry.toolCalls ?? []).map((call) => `calls ${call.name} ${call.arguments}`),
    ...(entry.tool ? [`${entry.tool.name ?? '?'}${entry.tool.arguments !== undefined ? ` ${entry.tool.arguments}` : ''} → ${entry.tool.result}`] : []),
    ...(entry.final ? ['final'] : []),
  ]);
}

const pretty = (json: string) => JSON.stringify(JSON.parse(json), null, 2);

/** The run every dialect below records. */
const expected = [
  ['system', system],
  ['user', goal],
  ['assistant', `calls search_web ${pretty(searchArguments)}`],
  ['tool', `search_web → ${found}`],
  ['assistant', `calls calculator ${pretty(calculatorArguments)}`],
  ['tool', 'calculator → 391'],
  ['assistant', answer, 'final'],
];

const genAiText = (content: string) => ({ type: 'text', content });
const genAiCall = (id: string, name: string, args: string) => ({ type: 'tool_call', id, name, arguments: JSON.parse(args) as unknown });

describe('the transcript of a trace', () => {
  it('reads the GenAI conventions (agentlab, Traceloop 0.27): system instructions, input and output messages, tool spans', () => {
    const history = [
      { role: 'user', parts: [genAiText(goal)] },
      { role: 'assistant', parts: [genAiCall('call_1', 'search_web', searchArguments)] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: found }] },
      { role: 'assistant', parts: [genAiCall('call_2', 'calculator', calculatorArguments)] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_2', response: '391' }] },
    ];
    const chat = (messages: number, output: unknown[]) =>
      span('chat gpt-4o-mini', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.system_instructions': JSON.stringify([genAiText(system)]),
        'gen_ai.input.messages': JSON.stringify(history.slice(0, messages)),
        'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: output }]),
      });
    const tool = (id: string, name: string, args: string, result: string) =>
      span(`execute_tool ${name}`, { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, 'gen_ai.tool.call.id': id, 'gen_ai.tool.call.arguments': args, 'gen_ai.tool.call.result': result });
    const spans = root('invoke_agent react', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'react' }, [
      chat(1, [genAiCall('call_1', 'search_web', searchArguments)]),
      tool('call_1', 'search_web', searchArguments, found),
      chat(3, [genAiCall('call_2', 'calculator', calculatorArguments)]),
      tool('call_2', 'calculator', calculatorArguments, '391'),
      chat(5, [genAiText(answer)]),
    ]);
    const transcript = traceTranscript(normalizeSpans(spans));
    expect(read(transcript.entries)).toEqual(expected);
    expect(transcript).toMatchObject({ captured: true, agentCount: 1 });
    expect(transcript.entries.every((entry) => entry.agent === 'react')).toBe(true);
  });

  it('reads OpenInference: flattened llm.input_messages / llm.output_messages and TOOL spans', () => {
    const message = (prefix: string, index: number, fields: Record<string, string>) =>
      Object.fromEntries(Object.entries(fields).map(([field, value]) => [`${prefix}.${index}.message.${field}`, value]));
    const toolCall = (prefix: string, index: number, id: string, name: string, args: string) => ({
      [`${prefix}.${index}.message.role`]: 'assistant',
      [`${prefix}.${index}.message.tool_calls.0.tool_call.id`]: id,
      [`${prefix}.${index}.message.tool_calls.0.tool_call.function.name`]: name,
      [`${prefix}.${index}.message.tool_calls.0.tool_call.function.arguments`]: args,
    });
    const opening = { ...message('llm.input_messages', 0, { role: 'system', content: system }), ...message('llm.input_messages', 1, { role: 'user', content: goal }) };
    const afterSearch = { ...opening, ...toolCall('llm.input_messages', 2, 'call_1', 'search_web', searchArguments), ...message('llm.input_messages', 3, { role: 'tool', content: found, tool_call_id: 'call_1' }) };
    const llm = (input: object, output: object) => span('OpenAI Chat Completions', { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'input.value': '{"model":"gpt-4o-mini","messages":[]}', ...input, ...output });
    const tool = (id: string, name: string, args: string, result: string) => span(name, { 'openinference.span.kind': 'TOOL', 'tool.name': name, 'tool.id': id, 'input.value': args, 'output.value': result });
    const afterCalculation = { ...afterSearch, ...toolCall('llm.input_messages', 4, 'call_2', 'calculator', calculatorArguments), ...message('llm.input_messages', 5, { role: 'tool', content: '391', tool_call_id: 'call_2' }) };
    const spans = root('two-tool-agent', { 'openinference.span.kind': 'AGENT', 'input.value': goal, 'output.value': answer }, [
      llm(opening, toolCall('llm.output_messages', 0, 'call_1', 'search_web', searchArguments)),
      tool('call_1', 'search_web', searchArguments, found),
      llm(afterSearch, toolCall('llm.output_messages', 0, 'call_2', 'calculator', calculatorArguments)),
      tool('call_2', 'calculator', calculatorArguments, '391'),
      llm(afterCalculation, message('llm.output_messages', 0, { role: 'assistant', content: answer })),
    ]);
    // The agent span's own input and output repeat the model calls' and are not shown again.
    expect(read(traceTranscript(normalizeSpans(spans)).entries)).toEqual(expected);
  });

  it('reads the Vercel AI SDK: ai.prompt.messages with tool-call and tool-result parts, ai.response.toolCalls and text', () => {
    const messages = [
      { role: 'system', content: system },
      { role: 'user', content: [{ type: 'text', text: goal }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'search_web', input: JSON.parse(searchArguments) as unknown }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'search_web', output: { type: 'text', value: found } }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_2', toolName: 'calculator', input: JSON.parse(calculatorArguments) as unknown }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', toolName: 'calculator', output: { type: 'text', value: '391' } }] },
    ];
    const doGenerate = (count: number, response: Record<string, string>) =>
      span('ai.generateText.doGenerate', { 'ai.operationId': 'ai.generateText.doGenerate', 'ai.model.id': 'gpt-4o-mini', 'ai.prompt.messages': JSON.stringify(messages.slice(0, count)), ...response });
    const toolCall = (id: string, name: string, args: string, result: string) =>
      span('ai.toolCall', { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': name, 'ai.toolCall.id': id, 'ai.toolCall.args': args, 'ai.toolCall.result': JSON.stringify(result) });
    const spans = root('ai.generateText', { 'ai.operationId': 'ai.generateText', 'ai.telemetry.functionId': 'two-tool-agent', 'ai.prompt': JSON.stringify({ system, prompt: goal }), 'ai.response.text': answer }, [
      doGenerate(2, { 'ai.response.toolCalls': JSON.stringify([{ toolCallId: 'call_1', toolName: 'search_web', input: searchArguments }]) }),
      toolCall('call_1', 'search_web', searchArguments, found),
      doGenerate(4, { 'ai.response.toolCalls': JSON.stringify([{ toolCallId: 'call_2', toolName: 'calculator', input: calculatorArguments }]) }),
      toolCall('call_2', 'calculator', calculatorArguments, '391'),
      doGenerate(6, { 'ai.response.text': answer }),
    ]);
    expect(read(traceTranscript(normalizeSpans(spans)).entries)).toEqual(expected);
  });

  it('reads Traceloop 0.22: gen_ai.prompt.N and gen_ai.completion.N, "null" for a message that only called tools, tools without call ids', () => {
    const prompt = (messages: Array<[string, string]>) => Object.fromEntries(messages.flatMap(([role, content], index) => [[`gen_ai.prompt.${index}.role`, role], [`gen_ai.prompt.${index}.content`, content]]));
    const opening: Array<[string, string]> = [['system', system], ['user', goal]];
    const chat = (messages: Array<[string, string]>, completion: Record<string, string>) =>
      span('openai.chat', { 'llm.request.type': 'chat', 'gen_ai.system': 'OpenAI', 'gen_ai.request.model': 'gpt-4o-mini', ...prompt(messages), 'gen_ai.completion.0.role': 'assistant', ...completion });
    const calls = (name: string, args: string) => ({ 'gen_ai.completion.0.content': '', 'gen_ai.completion.0.tool_calls.0.name': name, 'gen_ai.completion.0.tool_calls.0.arguments': args });
    const tool = (name: string, args: string, result: string) =>
      span(`${name}.tool`, { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': name, 'traceloop.entity.input': JSON.stringify({ args: [], kwargs: JSON.parse(args) as unknown }), 'traceloop.entity.output': JSON.stringify(result) });
    const spans = root('two-tool-agent.agent', { 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'two-tool-agent', 'traceloop.entity.input': JSON.stringify({ args: [goal], kwargs: {} }) }, [
      chat(opening, calls('search_web', searchArguments)),
      tool('search_web', searchArguments, found),
      chat([...opening, ['assistant', 'null'], ['tool', found]], calls('calculator', calculatorArguments)),
      tool('calculator', calculatorArguments, '391'),
      chat([...opening, ['assistant', 'null'], ['tool', found], ['assistant', 'null'], ['tool', '391']], { 'gen_ai.completion.0.content': answer }),
    ]);
    expect(read(traceTranscript(normalizeSpans(spans)).entries)).toEqual(expected);
  });

  it("falls back to agent spans' own input and output when no model call captured messages", () => {
    const spans = root('two-tool-agent.agent', { 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'two-tool-agent', 'traceloop.entity.input': JSON.stringify({ args: [goal], kwargs: {} }), 'traceloop.entity.output': JSON.stringify(answer) }, [
      span('openai.chat', { 'llm.request.type': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' }),
      span('calculator.tool', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'calculator', 'traceloop.entity.input': JSON.stringify({ args: [], kwargs: { expression: '17 * 23' } }), 'traceloop.entity.output': '"391"' }),
    ]);
    expect(read(traceTranscript(normalizeSpans(spans)).entries)).toEqual([['user', goal], ['tool', `calculator ${pretty(calculatorArguments)} → 391`], ['assistant', answer, 'final']]);
  });

  it('keeps the conversations of several agents apart and labels each entry with its agent', () => {
    const agent = (name: string, id: string, parent?: string) => span(`invoke_agent ${name}`, { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name }, { spanId: id, ...(parent ? { parentSpanId: parent } : { parentSpanId: undefined }) });
    const chat = (parent: string, input: unknown[], output: string) =>
      span('chat weak', { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': JSON.stringify(input), 'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [genAiText(output)] }]) }, { parentSpanId: parent });
    const task = { role: 'user', parts: [genAiText('Add 2 and 2')] };
    const decision = '{"action":"delegate","worker":"researcher"}';
    const spans = [
      agent('supervisor', 'supervisor'),
      chat('supervisor', [{ role: 'system', parts: [genAiText('You supervise.')] }, task], decision),
      agent('researcher', 'researcher', 'supervisor'),
      chat('researcher', [{ role: 'system', parts: [genAiText('You research.')] }, task], '4'),
      chat('supervisor', [{ role: 'system', parts: [genAiText('You supervise.')] }, task, { role: 'assistant', parts: [genAiText(decision)] }, { role: 'user', parts: [genAiText('researcher reported: 4')] }], 'The answer is 4.'),
    ];
    const transcript = traceTranscript(normalizeSpans(spans), { finalAnswer: 'The answer is 4.' });
    expect(transcript.entries.map((entry) => [entry.agent, entry.role, entry.text])).toEqual([
      ['supervisor', 'system', 'You supervise.'],
      ['supervisor', 'user', 'Add 2 and 2'],
      // Structured output is laid out, never shown as one line of raw JSON.
      ['supervisor', 'assistant', JSON.stringify(JSON.parse(decision), null, 2)],
      ['researcher', 'system', 'You research.'],
      ['researcher', 'user', 'Add 2 and 2'],
      ['researcher', 'assistant', '4'],
      ['supervisor', 'user', 'researcher reported: 4'],
      ['supervisor', 'assistant', 'The answer is 4.'],
    ]);
    expect(transcript.agentCount).toBe(2);
    expect(transcript.entries.at(-1)?.final).toBe(true);
  });

  it("adds the recorded answer as the final one when the messages end otherwise, and says when nothing was captured", () => {
    const withoutContent = root('invoke_agent react', { 'gen_ai.operation.name': 'invoke_agent' }, [
      span('chat weak', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'weak' }),
      span('execute_tool calculator', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'calculator' }),
    ]);
    expect(traceTranscript(normalizeSpans(withoutContent), { finalAnswer: '4' })).toEqual({ entries: [], captured: false, agentCount: 0 });
    // A failed tool's error status is not captured content: without --capture-content the page says so.
    const onlyAnError = root('invoke_agent react', { 'gen_ai.operation.name': 'invoke_agent' }, [
      span('chat weak', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'weak' }),
      span('execute_tool search_web', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search_web' }, { status: { code: 'error', message: 'repeated call' } }),
    ]);
    expect(traceTranscript(normalizeSpans(onlyAnError), { finalAnswer: '4' })).toEqual({ entries: [], captured: false, agentCount: 0 });

    const failedTool = root('invoke_agent react', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'react' }, [
      span('chat weak', { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [genAiText('Add 2 and 2')] }]), 'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [genAiCall('c1', 'calculator', '{"expression":"2+2"}')] }]) }),
      span('execute_tool calculator', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'calculator', 'gen_ai.tool.call.id': 'c1', 'gen_ai.tool.call.arguments': '{"expression":"2+2"}' }, { status: { code: 'error', message: 'calculator crashed' } }),
    ]);
    const transcript = traceTranscript(normalizeSpans(failedTool), { finalAnswer: 'I could not calculate it.' });
    expect(transcript.entries.at(-2)?.tool).toEqual({ name: 'calculator', callId: 'c1', result: 'calculator crashed', failed: true });
    expect(transcript.entries.at(-1)).toEqual({ role: 'assistant', text: 'I could not calculate it.', final: true });
  });
});
