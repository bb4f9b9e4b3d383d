// The message log read back from stored spans. End to end: the blackboard, supervisor and pipeline
// agents run as an eval on the simulator over HTTP, their spans go through the real SDK into a SQLite
// store, and messageLogOf reads the chain write → watcher → act (and the hand-overs) back from it.
// Then the edges on hand-made spans: causes outside the trace, several traces, the trace limit.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, runEval } from '../eval/index.js';
import { ModelProvider } from '../models/index.js';
import { openStore, type Store } from '../store/index.js';
import { normalizingSink, setupTracing, type SpanRecord, type Tracing } from '../tracing/index.js';
import { isMessageLogEmpty, messageLogOf, messageLogOfTraces, type MessageLog } from './message-log.js';

const cases = [
  { id: 'water', goal: 'Search for the boiling point of water and write a short answer.', expected_output_contains: ['100 °C'] },
  { id: 'zorblax', goal: 'Search for the zorblax migration season and write a short answer.' },
];

let directory: string;
let store: Store;
let tracing: Tracing;
let provider: ModelProvider;
/** Trace ids by `agent case capture`. */
const traces = new Map<string, string>();

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-message-log-'));
  const datasetPath = path.join(directory, 'cases.jsonl');
  await writeFile(datasetPath, cases.map((item) => JSON.stringify(item)).join('\n'));
  const dataset = await loadDataset(datasetPath);
  store = openStore(path.join(directory, 'agentlab.db'));
  provider = new ModelProvider({ latency: 'zero' });
  tracing = setupTracing({ sinks: [normalizingSink(store)], environment: {}, exportDelayMs: 10 });
  for (const captureContent of [false, true]) {
    const config = { agents: ['blackboard', 'supervisor', 'pipeline'], models: ['sim:oracle'], epochs: 1, concurrency: 2, seed: 1, caseTimeoutMs: 20_000 };
    const outcome = await runEval({ dataset, store, provider, config, tracer: tracing.tracer, captureContent });
    for (const result of store.caseResults(outcome.run.id)) traces.set(`${result.agent} ${result.caseId} ${captureContent ? 'captured' : 'plain'}`, result.traceId!);
  }
  await tracing.forceFlush();
}, 60_000);

afterAll(async () => {
  await tracing.shutdown();
  await provider.close();
  store.close();
  await rm(directory, { recursive: true, force: true });
});

function logOf(agent: string, caseId: string, capture: 'plain' | 'captured' = 'plain'): { log: MessageLog; spans: SpanRecord[] } {
  const traceId = traces.get(`${agent} ${caseId} ${capture}`);
  expect(traceId, `a trace for ${agent} on ${caseId}`).toMatch(/^[0-9a-f]{32}$/);
  const spans = store.spans(traceId!);
  return { log: messageLogOf(spans), spans };
}

const writesOf = (log: MessageLog) => log.writes.map((write) => `${write.key}@${write.version} by ${write.author}${write.cause ? ` ← ${write.cause.kind === 'write' ? `${write.cause.key}@${write.cause.version}` : write.cause.id}` : ''}`);

describe('the blackboard agent’s trace, read back from the store', () => {
  it('holds every write with its author and cause, in order', () => {
    const { log } = logOf('blackboard', 'water');
    expect(writesOf(log)).toEqual(['goal@1 by user', 'research/findings@1 by researcher ← goal@1', 'draft@1 by writer ← research/findings@1', 'review@1 by reviewer ← draft@1']);
    expect(log.writes.at(-1)!.metadata).toEqual({ verdict: 'approve', score: 10, draft: 1 });
  });

  it('shows which write made which agent act: write → watcher → the act’s span', () => {
    const { log, spans } = logOf('blackboard', 'water');
    const chain = log.writes.map((write) => `${write.key}@${write.version}: watchers ${write.watchers.map((call) => call.watcher).join(', ') || 'none'}; acts ${write.acts.map((act) => act.agent).join(', ') || 'none'}`);
    expect(chain).toEqual([
      'goal@1: watchers researcher; acts researcher',
      'research/findings@1: watchers writer; acts writer',
      'draft@1: watchers reviewer; acts reviewer',
      // The writer watches `review` too, but an approval asks nothing of it.
      'review@1: watchers writer; acts none',
    ]);
    for (const act of log.acts) {
      const span = spans.find((candidate) => candidate.spanId === act.spanId)!;
      expect(span.name).toBe(`invoke_agent ${act.agent}`);
      expect(span.attributes['agentlab.blackboard.trigger.watcher']).toBe(act.agent);
    }
    const reviewer = log.acts.find((act) => act.agent === 'reviewer')!;
    expect(reviewer.because.map((link) => link.text)).toEqual(['draft@1 by writer', 'research/findings@1 by researcher', 'goal@1 by user']);
    expect(reviewer.because.every((link) => link.found)).toBe(true);
  });

  it('records each write on the span of the agent that wrote it', () => {
    const { log, spans } = logOf('blackboard', 'water');
    const writerOf = (key: string) => spans.find((span) => span.spanId === log.writes.find((write) => write.key === key)!.spanId)!.name;
    expect(['goal', 'research/findings', 'draft', 'review'].map(writerOf)).toEqual(['invoke_agent blackboard', 'invoke_agent researcher', 'invoke_agent writer', 'invoke_agent reviewer']);
  });

  it('traces a revision back through the review that asked for it, within the act budget', () => {
    const { log } = logOf('blackboard', 'zorblax');
    expect(log.acts.map((act) => `${act.agent} ← ${act.trigger.key}@${act.trigger.version}`)).toEqual([
      'researcher ← goal@1',
      'writer ← research/findings@1',
      'reviewer ← draft@1',
      'writer ← review@1',
      'reviewer ← draft@2',
      'writer ← review@2',
      'reviewer ← draft@3',
    ]);
    const lastWriter = log.acts.filter((act) => act.agent === 'writer').at(-1)!;
    expect(lastWriter.because.map((link) => link.text)).toEqual(['review@2 by reviewer', 'draft@2 by writer', 'review@1 by reviewer', 'draft@1 by writer', 'research/findings@1 by researcher', 'goal@1 by user']);
    // The third revise verdict is on the board, but the budget was spent before the writer could act on it.
    expect(log.writes.at(-1)!).toMatchObject({ key: 'review', version: 3, metadata: { verdict: 'revise' }, acts: [] });
  });

  it('keeps the review-verdict events with each handler’s outcome', () => {
    const { log } = logOf('blackboard', 'zorblax');
    expect(log.events.map((event) => `${event.type} from ${event.sender} ← ${event.cause?.kind === 'write' ? `${event.cause.key}@${event.cause.version}` : '?'}`)).toEqual([
      'review-verdict from reviewer ← review@1',
      'review-verdict from reviewer ← review@2',
      'review-verdict from reviewer ← review@3',
    ]);
    for (const event of log.events) {
      expect(event.handlerCount).toBe(2);
      expect(event.outcomes).toEqual([
        { handler: 'score', outcome: 'ok' },
        { handler: 'progress', outcome: 'ok' },
      ]);
    }
  });

  it('keeps values off the spans unless content was captured', () => {
    const plain = logOf('blackboard', 'water').log;
    expect(plain.writes.every((write) => write.value === undefined && write.valueLength > 0)).toBe(true);
    expect(plain.events.every((event) => event.data === undefined)).toBe(true);
    const captured = logOf('blackboard', 'water', 'captured').log;
    expect(JSON.parse(captured.writes.find((write) => write.key === 'research/findings')!.value!)).toContain('100 °C');
    expect(JSON.parse(captured.writes.find((write) => write.key === 'review')!.value!)).toMatchObject({ verdict: 'approve', draft: 1 });
  });
});

describe('the supervisor’s and pipeline’s hand-overs, read back from the store', () => {
  it('supervisor: a task to each worker and each worker’s report, answering it', () => {
    const { log } = logOf('supervisor', 'water');
    const lines = log.messages.map((message) => `${message.id} ${message.sender} → ${message.recipient}${message.cause?.kind === 'message' ? ` ← ${message.cause.id}` : ''}`);
    expect(lines).toEqual([
      'message-1 supervisor → researcher',
      'message-2 researcher → supervisor ← message-1',
      'message-3 supervisor → writer',
      'message-4 writer → supervisor ← message-3',
      'message-5 supervisor → reviewer',
      'message-6 reviewer → supervisor ← message-5',
    ]);
    expect(log.messages[2]!.metadata).toEqual({ round: 2, forwarded: ['message-2'] });
    expect(log.messages[1]!.metadata).toEqual({ round: 1, label: 'researcher reported' });
    expect(log.messages.every((message) => message.content === undefined && message.contentLength > 0)).toBe(true);
  });

  it('pipeline: findings, drafts and feedback, with content when captured', () => {
    const { log } = logOf('pipeline', 'zorblax', 'captured');
    expect(log.messages.map((message) => `${message.sender} → ${message.recipient} (${String(message.metadata.label)})`)).toEqual([
      'researcher → writer (Research findings)',
      'writer → reviewer (Previous draft)',
      'reviewer → writer (Reviewer feedback)',
      'writer → reviewer (Previous draft)',
      'reviewer → writer (Reviewer feedback)',
      'writer → reviewer (Previous draft)',
    ]);
    expect(log.messages[0]!.content).toContain('zorblax');
    expect(log.writes).toEqual([]);
  });
});

describe('messageLogOf on hand-made spans', () => {
  const span = (traceId: string, spanId: string, startTimeMs: number, events: SpanRecord['events'], attributes: SpanRecord['attributes'] = {}): SpanRecord => ({
    traceId,
    spanId,
    name: `span ${spanId}`,
    kind: 'internal',
    startTimeMs,
    endTimeMs: startTimeMs + 10,
    durationMs: 10,
    status: { code: 'unset' },
    attributes,
    events,
    serviceName: 'test',
    scope: 'test',
  });
  const write = (key: string, version: number, timeMs: number, cause?: string) => ({
    name: 'agentlab.blackboard.write',
    timeMs,
    attributes: { 'agentlab.blackboard.key': key, 'agentlab.blackboard.version': version, 'agentlab.blackboard.author': 'someone', ...(cause ? { 'agentlab.blackboard.cause': cause } : {}) },
  });

  it('marks a cause the spans do not hold as not found, stops on a cycle, and ignores unreadable attributes', () => {
    const log = messageLogOf([
      span('t1', 'a', 1_000, [write('x', 1, 1_001, 'message:message-9'), write('y', 1, 1_002, 'write:z@1'), write('z', 1, 1_003, 'write:y@1'), { name: 'agentlab.message', timeMs: 1_004, attributes: { 'agentlab.message.metadata': '{not json', 'agentlab.message.cause': 'nonsense' } }]),
      span('t1', 'b', 1_010, [], { 'agentlab.blackboard.trigger.key': 'x', 'agentlab.blackboard.trigger.version': 1, 'gen_ai.agent.name': 'writer' }),
      span('t1', 'c', 1_020, [], { 'agentlab.blackboard.trigger.key': 'y', 'agentlab.blackboard.trigger.version': 1 }),
    ]);
    expect(log.acts[0]!.because).toEqual([
      { kind: 'write', text: 'x@1 by someone', found: true },
      { kind: 'message', text: 'message-9', found: false },
    ]);
    expect(log.acts[1]!.agent).toBe('span c');
    expect(log.acts[1]!.because.map((link) => link.text)).toEqual(['y@1 by someone', 'z@1 by someone']);
    expect(log.messages[0]).toMatchObject({ metadata: {}, id: '' });
    expect(log.messages[0]!.cause).toBeUndefined();
  });

  it('keeps several traces apart, each entry timed from its own trace’s start', () => {
    const log = messageLogOf([span('t1', 'a', 1_000, [write('k', 1, 1_050)]), span('t2', 'b', 5_000, [write('k', 1, 5_007)])]);
    expect(log.traceIds).toEqual(['t1', 't2']);
    expect(log.writes.map((entry) => [entry.traceId, entry.offsetMs])).toEqual([
      ['t1', 50],
      ['t2', 7],
    ]);
  });

  it('reads at most the limit of a run’s traces and says how many it left out', () => {
    const read: string[] = [];
    const log = messageLogOfTraces(['t1', 't2', 't1', 't3'], (traceId) => {
      read.push(traceId);
      return [span(traceId, `${traceId}-root`, 1_000, [write('k', 1, 1_001)])];
    }, 2);
    expect(read).toEqual(['t1', 't2']);
    expect(log.tracesLeftOut).toBe(1);
    expect(log.writes).toHaveLength(2);
    expect(isMessageLogEmpty(messageLogOf([span('t9', 'x', 0, [])]))).toBe(true);
    expect(isMessageLogEmpty(log)).toBe(false);
  });
});
