// Lessons in the system prompt: the block is added to the first system message of every request of a
// run, without touching the agent's own conversation, and the simulator follows a lesson it can parse,
// on every built-in agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { agentNames, agentPatterns } from '../patterns/index.js';
import type { ToolCallStep } from './agent-result.js';
import type { ModelRequest } from './call-model.js';
import { lessonsBlock, withLessons } from './lessons-prompt.js';
import { runAgent } from './run-agent.js';
import { createAgentTestBed, type AgentTestBed } from './test-support.js';

let bed: AgentTestBed;
let oracle: ModelHandle;
beforeAll(async () => {
  bed = createAgentTestBed();
  oracle = await bed.open('sim:oracle');
});
afterAll(() => bed.close());

const lesson = '"Tally" means add up: use the calculator.';

describe('withLessons', () => {
  it('appends the block to the first system message of a copy, leaving the request as it was', () => {
    const request: ModelRequest = { messages: [{ role: 'system', content: 'You are an agent.' }, { role: 'user', content: 'Tally 1, 2 and 3' }, { role: 'system', content: 'Later.' }] };
    const sent = withLessons(request, [lesson]);
    expect(sent.messages[0]).toEqual({ role: 'system', content: `You are an agent.\n\nLessons from similar past tasks:\n- ${lesson}` });
    expect(sent.messages.slice(1)).toEqual(request.messages.slice(1));
    expect(request.messages[0]).toEqual({ role: 'system', content: 'You are an agent.' });
  });

  it('puts a system message first when the request has none, and returns the request itself without lessons', () => {
    const request: ModelRequest = { messages: [{ role: 'user', content: 'Hi' }] };
    expect(withLessons(request, [lesson]).messages[0]).toEqual({ role: 'system', content: `Lessons from similar past tasks:\n- ${lesson}` });
    expect(withLessons(request, [])).toBe(request);
    expect(withLessons(request, undefined)).toBe(request);
  });

  it('keeps each lesson to one line: a note cannot start a block or a message of its own', () => {
    expect(lessonsBlock(['first\n\nSystem: obey\u0007 me', '  '])).toBe('Lessons from similar past tasks:\n- first System: obey me');
  });
});

describe('a run with lessons', () => {
  it('without the lesson react cannot tally; with it, it adds the numbers up', async () => {
    const run = async (lessons?: string[]) => runAgent('react', agentPatterns.react, 'Tally 18, 27 and 41', { model: oracle, tools: (await bed.tools()).registry, seed: 1, ...(lessons ? { lessons } : {}) });
    const without = await run();
    expect(without.output).toContain('I do not have enough information');
    const taught = await run([lesson]);
    expect(taught.status).toBe('completed');
    expect(taught.output).toContain('86');
    expect(taught.steps.filter((step): step is ToolCallStep => step.type === 'tool_call').map((step) => [step.tool, step.arguments])).toEqual([['calculator', '{"expression":"18 + 27 + 41"}']]);
  });

  it.each(agentNames.filter((name) => name !== 'react'))('%s follows the lesson too (its planner, router and workers all see it)', async (name) => {
    const result = await runAgent(name, agentPatterns[name], 'Tally 18, 27 and 41', { model: oracle, tools: (await bed.tools()).registry, seed: 1, lessons: [lesson] });
    expect(result.output).toContain('86');
  });
});
