// Direct messages: ids, inboxes, lookups, validation, and the span event each message leaves on the
// span that was active, with content only when capture is on.
import { afterAll, describe, expect, it } from 'vitest';
import { MessagingError } from './errors.js';
import { Mailbox } from './mailbox.js';
import { clockStart, createTracedBed, tickingClock } from './test-support.js';

const bed = createTracedBed();
afterAll(() => bed.tracing.shutdown());

describe('Mailbox', () => {
  it('gives each message an id and the time, and keeps inboxes per recipient in order', () => {
    const mailbox = new Mailbox({ now: tickingClock() });
    const first = mailbox.send({ sender: 'supervisor', recipient: 'researcher', content: 'find the speed of light', metadata: { round: 1 } });
    const second = mailbox.send({ sender: 'researcher', recipient: 'supervisor', content: '299,792 km/s', cause: { kind: 'message', id: first.id } });
    const third = mailbox.send({ sender: 'supervisor', recipient: 'researcher', content: 'again' });
    expect([first.id, second.id, third.id]).toEqual(['message-1', 'message-2', 'message-3']);
    expect([first.time, second.time]).toEqual([clockStart, clockStart + 1]);
    expect(mailbox.inbox('researcher').map((message) => message.id)).toEqual(['message-1', 'message-3']);
    expect(mailbox.inbox('supervisor')).toEqual([second]);
    expect(mailbox.message('message-2').cause).toEqual({ kind: 'message', id: 'message-1' });
    expect(mailbox.log()).toHaveLength(3);
  });

  it('refuses a message without a sender or recipient, and an id it never gave out, with a code', () => {
    const mailbox = new Mailbox();
    expect(() => mailbox.send({ sender: '', recipient: 'writer', content: 'x' })).toThrow(/needs a sender/);
    expect(() => mailbox.send({ sender: 'writer', recipient: '  ', content: 'x' })).toThrow(MessagingError);
    expect(() => mailbox.send({ sender: 'writer', recipient: 'reviewer', content: 42 as unknown as string })).toThrow(/content of type number/);
    try {
      mailbox.message('message-9');
      expect.unreachable();
    } catch (error) {
      expect((error as MessagingError).code).toBe('AGENTLAB_MESSAGE_UNKNOWN');
    }
  });

  it('records each message as an event on the active span, content left out unless captured', async () => {
    const { spans } = await bed.traced(() => {
      new Mailbox({ now: tickingClock() }).send({ sender: 'writer', recipient: 'reviewer', content: 'the private draft', metadata: { label: 'Draft', revision: 0 }, cause: { kind: 'write', key: 'research/findings', version: 2 } });
      new Mailbox({ now: tickingClock(clockStart + 5_000), captureContent: true }).send({ sender: 'reviewer', recipient: 'writer', content: 'the private feedback' });
    });
    const events = spans[0]!.events.filter((event) => event.name === 'agentlab.message');
    expect(events).toHaveLength(2);
    expect(events[0]!.attributes).toEqual({
      'agentlab.message.id': 'message-1',
      'agentlab.message.sender': 'writer',
      'agentlab.message.recipient': 'reviewer',
      'agentlab.message.content_length': 17,
      'agentlab.message.metadata': '{"label":"Draft","revision":0}',
      'agentlab.message.cause': 'write:research/findings@2',
    });
    expect(events[0]!.timeMs).toBe(clockStart);
    expect(events[1]!.attributes['agentlab.message.content']).toBe('the private feedback');
    expect(JSON.stringify(spans)).not.toContain('private draft');
  });

  it('works without any tracing set up', () => {
    const mailbox = new Mailbox();
    expect(mailbox.send({ sender: 'a', recipient: 'b', content: 'hi' }).content).toBe('hi');
  });
});
