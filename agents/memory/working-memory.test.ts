// Working memory's rules without a model: what is kept and what is folded, tool calls never parted
// from their results, the counts against the window, and how settings are resolved.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { loadPromptTokenCounter } from '../../models/index.js';
import type { ModelRequest } from '../core/call-model.js';
import { RunStop } from '../core/run-stop.js';
import {
  checkWorkingMemoryAgents,
  DEFAULT_COMPRESS_THRESHOLD,
  DEFAULT_KEEP_RECENT,
  isSummaryMessage,
  resolveWorkingMemory,
  splitConversation,
  summaryMessage,
  summaryRequest,
  withWorkingMemoryOverride,
  WorkingMemory,
} from './working-memory.js';

type Message = ChatCompletionMessageParam;

const system: Message = { role: 'system', content: 'You are an agent.' };
const goal: Message = { role: 'user', content: 'Read a.md, read b.md, read c.md and read d.md' };
const handedOver: Message = { role: 'user', content: 'Context: researcher reported: the files exist.' };

/** An assistant turn calling read_file on each path, with a tool message answering each call. */
function exchange(...paths: string[]): Message[] {
  const ids = paths.map((path) => `call_${path}`);
  return [
    { role: 'assistant', content: null, tool_calls: paths.map((path, index) => ({ id: ids[index]!, type: 'function' as const, function: { name: 'read_file', arguments: JSON.stringify({ path }) } })) },
    ...paths.map((path, index): Message => ({ role: 'tool', tool_call_id: ids[index]!, content: `${path} says: ${'words '.repeat(200)}` })),
  ];
}

/** Whether every tool message follows (within its exchange) the assistant message that called it. */
function pairsIntact(messages: readonly Message[]): boolean {
  const open = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      open.clear();
      for (const call of message.tool_calls ?? []) open.add(call.id);
    } else if (message.role === 'tool' && !open.has(message.tool_call_id)) return false;
  }
  return true;
}

describe('splitConversation', () => {
  const conversation = [system, goal, handedOver, ...exchange('a.md'), ...exchange('b.md', 'c.md'), { role: 'user' as const, content: 'Reminder of the original goal: …' }, ...exchange('d.md')];

  it('keeps the system prompt, the goal and its context, folds the middle and keeps the last exchanges', () => {
    const split = splitConversation(conversation, 2)!;
    expect(split.head).toEqual([system, goal, handedOver]);
    expect(split.folded).toEqual(exchange('a.md'));
    // b.md and c.md were called in one turn: the exchange is kept whole, the reminder after it too.
    expect(split.recent).toEqual(conversation.slice(5));
    expect([...split.head, ...split.folded, ...split.recent]).toEqual(conversation);
  });

  it('never separates a tool call from its results, whatever it keeps', () => {
    for (let keep = 0; keep <= 2; keep++) {
      const split = splitConversation(conversation, keep)!;
      expect(pairsIntact(split.folded), `folded, keeping ${keep}`).toBe(true);
      expect(pairsIntact(split.recent), `recent, keeping ${keep}`).toBe(true);
      expect(split.recent[0]?.role ?? 'assistant').toBe('assistant');
    }
  });

  it('folds nothing when there are no more exchanges than it keeps', () => {
    expect(splitConversation(conversation, 3)).toBeUndefined();
    expect(splitConversation([system, goal, handedOver], 0)).toBeUndefined();
  });

  it('folds an earlier summary first, with what followed it, but never a summary alone', () => {
    const summarised = [system, goal, summaryMessage('- read_file {"path":"a.md"} → A says one.', 2), ...exchange('b.md'), ...exchange('c.md')];
    const split = splitConversation(summarised, 1)!;
    expect(split.head).toEqual([system, goal]);
    expect(isSummaryMessage(split.folded[0]!)).toBe(true);
    expect(split.folded.slice(1)).toEqual(exchange('b.md'));
    expect(splitConversation(summarised, 2)).toBeUndefined();
  });
});

describe('summaryRequest', () => {
  it('shows the model the goal and the folded messages, then asks for the summary within a budget', () => {
    const split = splitConversation([system, goal, ...exchange('a.md'), ...exchange('b.md')], 1)!;
    const request = summaryRequest(split, 600);
    expect(request.messages[1]).toEqual(goal);
    expect(request.messages.slice(2, -1)).toEqual(exchange('a.md'));
    expect(request.messages.at(-1)).toMatchObject({ role: 'user', content: expect.stringMatching(/^Summarise the conversation above/) });
    expect(request.max_completion_tokens).toBe(600);
    expect(request.tools).toBeUndefined();
  });
});

describe('WorkingMemory', () => {
  const request = (): ModelRequest => ({ messages: [system, goal, ...exchange('a.md'), ...exchange('b.md'), ...exchange('c.md')] });

  it('counts a request as the endpoint does, the completion it reserves included', async () => {
    const counter = await loadPromptTokenCounter();
    const memory = new WorkingMemory({ threshold: 0.75, keepRecent: 1 }, 8_192, 'small');
    expect(await memory.count(request())).toBe(counter.countRequest(request()));
    expect(await memory.count({ ...request(), max_tokens: 100 })).toBe(counter.countRequest(request()) + 100);
  });

  it('does nothing under the threshold', async () => {
    const memory = new WorkingMemory({ threshold: 0.75, keepRecent: 1 }, 128_000, 'strong');
    expect(await memory.plan('react', request())).toBeUndefined();
  });

  it('plans a fold at the threshold and applies the summary in place, with the counts before and after', async () => {
    const tokens = await new WorkingMemory({ threshold: 1, keepRecent: 1 }, 1, 'x').count(request());
    // A window the conversation fills to 80%: over the default threshold.
    const window = Math.ceil(tokens / 0.8);
    const memory = new WorkingMemory({ threshold: DEFAULT_COMPRESS_THRESHOLD, keepRecent: 1 }, window, 'small');
    const compressed = request();
    const plan = (await memory.plan('react', compressed))!;
    expect(plan.tokensBefore).toBe(tokens);
    expect(plan.split.recent).toEqual(exchange('c.md'));
    const record = await memory.apply('react', compressed, plan, '- read_file {"path":"a.md"} → a.md says words.\n- read_file {"path":"b.md"} → b.md says words.');
    expect(compressed.messages).toEqual([system, goal, summaryMessage('- read_file {"path":"a.md"} → a.md says words.\n- read_file {"path":"b.md"} → b.md says words.', 4), ...exchange('c.md')]);
    expect(record.messagesFolded).toBe(4);
    expect(record.tokensBefore).toBe(tokens);
    expect(record.tokensAfter).toBe(await memory.count(compressed));
    expect(record.tokensAfter).toBeLessThan(memory.limit);
    const counter = await loadPromptTokenCounter();
    expect(record.summaryTokens).toBe(counter.countMessage(compressed.messages[2]!));
  });

  it('keeps fewer recent exchanges when keeping them all would stay over the threshold', async () => {
    const tokens = await new WorkingMemory({ threshold: 1, keepRecent: 1 }, 1, 'x').count(request());
    const memory = new WorkingMemory({ threshold: 0.75, keepRecent: 2 }, Math.ceil(tokens / 0.9), 'small');
    const plan = (await memory.plan('react', request()))!;
    expect(plan.split.recent.length).toBeLessThan(4);
    expect(pairsIntact(plan.split.recent)).toBe(true);
  });

  it('stops the run with context_length_exceeded when the window is exceeded and nothing can be folded', async () => {
    const memory = new WorkingMemory({ threshold: 0.75, keepRecent: 2 }, 50, 'small');
    const error = await memory.plan('react', { messages: [system, { role: 'user', content: 'words '.repeat(100) }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStop);
    expect(error).toMatchObject({ status: 'error', code: 'context_length_exceeded' });
    expect((error as Error).message).toMatch(/^react's conversation needs \d+ tokens but small's context window is 50 tokens, and there is nothing in its middle to fold$/);
  });
});

describe('resolveWorkingMemory', () => {
  it('takes the flags over the agent over the global config over the defaults', () => {
    expect(resolveWorkingMemory(undefined, 'react')).toEqual({ threshold: DEFAULT_COMPRESS_THRESHOLD, keepRecent: DEFAULT_KEEP_RECENT });
    const config = { threshold: 0.6, keepRecent: 4, agents: { supervisor: { threshold: 0.5 }, pipeline: { enabled: false } } };
    expect(resolveWorkingMemory(config, 'react')).toEqual({ threshold: 0.6, keepRecent: 4 });
    expect(resolveWorkingMemory(config, 'supervisor')).toEqual({ threshold: 0.5, keepRecent: 4 });
    expect(resolveWorkingMemory(config, 'pipeline')).toBe(false);
    expect(resolveWorkingMemory(config, 'pipeline', { enabled: true })).toEqual({ threshold: 0.6, keepRecent: 4 });
    expect(resolveWorkingMemory(config, 'supervisor', { threshold: 0.9 })).toEqual({ threshold: 0.9, keepRecent: 4 });
    expect(resolveWorkingMemory(config, 'react', { enabled: false })).toBe(false);
  });

  it('lays a run\'s flags over the config, each agent\'s settings included', () => {
    const config = withWorkingMemoryOverride({ keepRecent: 3, agents: { supervisor: { threshold: 0.5 } } }, { threshold: 0.4, enabled: undefined });
    expect(config).toEqual({ keepRecent: 3, threshold: 0.4, agents: { supervisor: { threshold: 0.4 } } });
    expect(resolveWorkingMemory(config, 'supervisor')).toEqual({ threshold: 0.4, keepRecent: 3 });
  });

  it('refuses settings for an agent that does not exist, naming the config and the agents there are', () => {
    const known = ['react', 'supervisor'];
    expect(() => checkWorkingMemoryAgents({ agents: { react: { threshold: 0.5 } } }, known, 'a.yaml')).not.toThrow();
    expect(() => checkWorkingMemoryAgents({ agents: { reactt: {}, supervisr: {} } }, known, 'a.yaml')).toThrow(
      'a.yaml: workingMemory.agents.reactt names no built-in agent (nor do supervisr); the built-in agents are react, supervisor',
    );
  });
});
