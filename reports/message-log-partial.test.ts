// views/partials/message-log.eta: the act chains, blackboard history, messages and event trail as
// escaped text (hostile content never becomes markup), with no inline style or script, and nothing
// at all for a trace without messaging.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../tracing/index.js';
import { messageLogOf } from './message-log.js';
import { reportLinks } from './report-links.js';
import { viewFormat } from './view-format.js';

const eta = new Eta({ views: fileURLToPath(new URL('./views/', import.meta.url)), autoEscape: true });
const render = (spans: SpanRecord[]) => eta.render('partials/message-log', { log: messageLogOf(spans), format: viewFormat, link: reportLinks });

const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">';

function span(spanId: string, startTimeMs: number, events: SpanRecord['events'], attributes: SpanRecord['attributes'] = {}, traceId = 'a'.repeat(32)): SpanRecord {
  return { traceId, spanId, name: `invoke_agent ${spanId}`, kind: 'internal', startTimeMs, endTimeMs: startTimeMs + 5, durationMs: 5, status: { code: 'unset' }, attributes, events, serviceName: 'agentlab', scope: 'agentlab' };
}

const spans: SpanRecord[] = [
  span('root', 1_000, [
    { name: 'agentlab.blackboard.write', timeMs: 1_001, attributes: { 'agentlab.blackboard.key': 'goal', 'agentlab.blackboard.version': 1, 'agentlab.blackboard.author': 'user', 'agentlab.blackboard.value_length': 20, 'agentlab.blackboard.value': JSON.stringify(hostile) } },
    { name: 'agentlab.blackboard.watch', timeMs: 1_001, attributes: { 'agentlab.blackboard.key': 'goal', 'agentlab.blackboard.version': 1, 'agentlab.blackboard.watcher': 'researcher', 'agentlab.blackboard.watcher.prefix': 'goal', 'agentlab.blackboard.outcome': 'ok' } },
    { name: 'agentlab.message', timeMs: 1_002, attributes: { 'agentlab.message.id': 'message-1', 'agentlab.message.sender': hostile, 'agentlab.message.recipient': 'writer', 'agentlab.message.content_length': 11, 'agentlab.message.metadata': JSON.stringify({ label: hostile }) } },
    { name: 'agentlab.event.publish', timeMs: 1_003, attributes: { 'agentlab.event.id': 'event-1', 'agentlab.event.type': 'review-verdict', 'agentlab.event.sender': 'reviewer', 'agentlab.event.data_length': 9, 'agentlab.event.handler_count': 1 } },
    { name: 'agentlab.event.handled', timeMs: 1_004, attributes: { 'agentlab.event.id': 'event-1', 'agentlab.event.handler': 'score', 'agentlab.event.outcome': 'error', 'agentlab.event.error': `Error: ${hostile}` } },
  ]),
  span('researcher', 1_010, [], { 'gen_ai.agent.name': 'researcher', 'agentlab.blackboard.trigger.key': 'goal', 'agentlab.blackboard.trigger.version': 1, 'agentlab.blackboard.trigger.author': 'user' }),
];

describe('the message-log partial', () => {
  it('renders why each agent acted, the history, the messages and the events', () => {
    const html = render(spans);
    expect(html).toContain('Why each agent acted');
    expect(html).toMatch(/<strong>researcher<\/strong><\/a>\s*<span class="muted">at \+10 ms<\/span>\s*acted on <code>goal@1<\/code>/);
    expect(html).toContain('goal@1 by user');
    expect(html).toContain('Blackboard history');
    expect(html).toContain('Direct messages');
    expect(html).toContain('Event trail');
    expect(html).toContain(`href="/traces/${'a'.repeat(32)}?span=researcher"`);
    expect(html).toContain('11 characters (not captured)');
  });

  it('escapes every value, content and metadata included, and has no inline script or style', () => {
    const html = render(spans);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<[^>]*\s(?:style|on[a-z]+)\s*=/i);
  });

  it('renders nothing for spans without messaging', () => {
    expect(render([span('root', 0, [])]).trim()).toBe('');
  });

  it('names the trace of each row when the log spans several traces', () => {
    const html = render([...spans, span('other', 2_000, [{ name: 'agentlab.blackboard.write', timeMs: 2_001, attributes: { 'agentlab.blackboard.key': 'draft', 'agentlab.blackboard.version': 1, 'agentlab.blackboard.author': 'writer' } }], {}, 'b'.repeat(32))]);
    expect(html).toContain('<th>Trace</th>');
    expect(html).toContain(`<code>${'b'.repeat(8)}</code>`);
  });
});
