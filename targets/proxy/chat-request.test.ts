// The request as forwarded: always the cell's model, the session's seed when it has none, usage
// asked for on streams; edited as text when that is safe, and always the same JSON value either way.
import { describe, expect, it } from 'vitest';
import { prepareChatRequest } from './chat-request.js';

function forwarded(body: unknown, seed?: number) {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const prepared = prepareChatRequest(raw, 'oracle', seed);
  return { prepared, sent: JSON.parse(prepared.body.toString('utf8')) as Record<string, unknown>, same: prepared.body === raw };
}

const messages = [{ role: 'user', content: 'say "model": "gpt-4o" and {"seed": 3}' }];

describe('prepareChatRequest', () => {
  it('sends the agent\'s own bytes when the model and seed are already the cell\'s', () => {
    expect(forwarded({ model: 'oracle', messages, seed: 1 }, 7).same).toBe(true);
  });

  it('replaces the model and adds the seed, leaving text that looks like them alone', () => {
    const { sent } = forwarded({ model: 'gpt-4o', messages, temperature: 0.2 }, 7);
    expect(sent).toEqual({ model: 'oracle', seed: 7, messages, temperature: 0.2 });
  });

  it('rewrites the whole object when the model is not written first', () => {
    const { sent, prepared } = forwarded({ messages, model: 'gpt-4o', seed: 3 }, 7);
    expect(sent).toEqual({ messages, model: 'oracle', seed: 3 });
    expect(prepared.seed).toBe(3);
  });

  it('handles pretty-printed JSON, a missing model and a null seed', () => {
    expect(forwarded(`{\n  "model": "gpt-4o",\n  "messages": ${JSON.stringify(messages)}\n}`, 7).sent).toEqual({ model: 'oracle', seed: 7, messages });
    expect(forwarded({ messages }, 7).sent).toEqual({ model: 'oracle', seed: 7, messages });
    expect(forwarded({ model: 'oracle', messages, seed: null }, 7).sent).toEqual({ model: 'oracle', messages, seed: 7 });
  });

  it('asks for usage on streams, keeping the agent\'s other stream options', () => {
    const plain = forwarded({ model: 'gpt-4o', messages, stream: true });
    expect(plain.sent).toEqual({ model: 'oracle', messages, stream: true, stream_options: { include_usage: true } });
    expect(plain.prepared.hideUsage).toBe(true);
    const withOptions = forwarded({ model: 'gpt-4o', messages, stream: true, stream_options: { include_obfuscation: false } });
    expect(withOptions.sent.stream_options).toEqual({ include_obfuscation: false, include_usage: true });
    const asked = forwarded({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
    expect(asked.prepared.hideUsage).toBe(false);
  });

  it('reads what the record needs', () => {
    const { prepared } = forwarded({ model: 'gpt-4o', messages, temperature: 0.5, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });
    expect(prepared).toMatchObject({ temperature: 0.5, outputType: 'json', stream: false, messages });
    expect(forwarded({ model: 'gpt-4o', messages }).prepared.temperature).toBe(0);
  });

  it('refuses bodies that are not a JSON object', () => {
    expect(() => forwarded('[1, 2]')).toThrow(/JSON object/);
    expect(() => forwarded('{"model":')).toThrow(/not valid JSON/);
  });
});
