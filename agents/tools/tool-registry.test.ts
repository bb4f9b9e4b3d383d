// The registry's contract: every failure is an `Error: ...` result the run can carry on from,
// and destructive calls need an allowance or an approval.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type Tool } from './define-tool.js';
import type { ApprovalRequest } from './permission.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { ToolRegistry } from './tool-registry.js';

const echoTool = defineTool({
  name: 'echo',
  description: 'Repeat the text.',
  permission: 'read',
  parameters: z.object({ text: z.string(), times: z.number().int().min(1).default(1) }),
  async execute({ text, times }) {
    return Array.from({ length: times }, () => text).join(' ');
  },
});

const failingTool = defineTool({
  name: 'explode',
  description: 'Always fails.',
  permission: 'read',
  parameters: z.object({}),
  async execute() {
    throw new Error('the fuse was lit');
  },
});

let stoppedBySignal = false;
const hangingTool = defineTool({
  name: 'hang',
  description: 'Never finishes.',
  permission: 'read',
  parameters: z.object({}),
  execute(_args, { signal }) {
    return new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        stoppedBySignal = true;
        reject(signal.reason);
      });
    });
  },
});

const wipeTool = defineTool({
  name: 'wipe',
  description: 'Deletes everything.',
  permission: 'destructive',
  parameters: z.object({ target: z.string() }),
  async execute({ target }) {
    return `wiped ${target}`;
  },
});

const objectTool = defineTool({
  name: 'stats',
  description: 'Returns an object.',
  permission: 'read',
  parameters: z.object({}),
  async execute() {
    return { count: 3 };
  },
});

const rawTool = defineTool({
  name: 'raw',
  description: 'Returns its input verbatim.',
  permission: 'read',
  parameters: z.object({ value: z.string() }),
  async execute({ value }) {
    return value;
  },
});

const circularTool = defineTool({
  name: 'circular',
  description: 'Returns a value that cannot be serialised.',
  permission: 'read',
  parameters: z.object({}),
  async execute() {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  },
});

const tools: Tool[] = [echoTool, failingTool, hangingTool, wipeTool, objectTool, rawTool, circularTool];
let sandbox: Sandbox;
let registry: ToolRegistry;

beforeEach(async () => {
  sandbox = await createSandbox();
  registry = new ToolRegistry(tools, { sandbox });
  stoppedBySignal = false;
});

afterEach(async () => {
  await sandbox.remove();
});

const call = (name: string, args: string) => ({ id: 'call-1', name, arguments: args });

describe('ToolRegistry', () => {
  it('lists its tools and their OpenAI definitions', () => {
    expect(registry.names()).toEqual(['echo', 'explode', 'hang', 'wipe', 'stats', 'raw', 'circular']);
    const echo = registry.definitions().find((definition) => definition.function.name === 'echo');
    expect(echo?.function.parameters).toMatchObject({ required: ['text'] });
  });

  it('refuses two tools with the same name', () => {
    expect(() => new ToolRegistry([echoTool, echoTool], { sandbox })).toThrow(/two tools are named "echo"/);
  });

  it('runs a valid call and applies schema defaults', async () => {
    const result = await registry.execute(call('echo', '{"text":"hi","times":2}'));
    expect(result).toMatchObject({ ok: true, content: 'hi hi' });
    expect(result.errorCode).toBeUndefined();
    expect((await registry.execute(call('echo', '{"text":"once"}'))).content).toBe('once');
  });

  it('sends non-text results as JSON', async () => {
    const result = await registry.execute(call('stats', '{}'));
    expect(JSON.parse(result.content)).toEqual({ count: 3 });
  });

  it('treats empty arguments as an empty object', async () => {
    expect(await registry.execute(call('stats', ''))).toMatchObject({ ok: true });
  });

  it('answers an unknown tool with the names of the available ones', async () => {
    const result = await registry.execute(call('search_internet', '{}'));
    expect(result).toMatchObject({ ok: false, errorCode: 'unknown_tool' });
    expect(result.content).toBe(
      'Error: unknown tool "search_internet". Available tools: echo, explode, hang, wipe, stats, raw, circular.',
    );
  });

  it('answers malformed JSON with the parse error and the expected schema', async () => {
    const result = await registry.execute(call('echo', '{"text": "hi"'));
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid_json' });
    expect(result.content).toMatch(/^Error: arguments are not valid JSON \(.+\)\. Expected arguments matching this JSON Schema: /);
    const schema = JSON.parse(result.content.slice(result.content.indexOf('{"type"')));
    expect(schema.properties.text).toEqual({ type: 'string' });
  });

  it('answers a schema failure by naming the field', async () => {
    const result = await registry.execute(call('echo', '{"text": 42}'));
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(result.content).toMatch(/^Error: invalid arguments: text: expected string, received number\./);
  });

  it('names every failing field, nested paths included', async () => {
    const result = await registry.execute(call('echo', '{"times": 0}'));
    expect(result.content).toContain('text: expected string, received undefined');
    expect(result.content).toContain('times: Too small');
  });

  it('answers arguments that are not an object', async () => {
    const result = await registry.execute(call('echo', '"hi"'));
    expect(result.content).toMatch(/^Error: invalid arguments: \(arguments\): expected object, received string/);
  });

  it('turns a thrown error into a result and the run goes on', async () => {
    const result = await registry.execute(call('explode', '{}'));
    expect(result).toMatchObject({ ok: false, errorCode: 'tool_error', content: 'Error: the fuse was lit' });
    expect((await registry.execute(call('echo', '{"text":"still here"}'))).ok).toBe(true);
  });

  it('reports a result that cannot be serialised instead of rejecting', async () => {
    const result = await registry.execute(call('circular', '{}'));
    expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
    expect(result.content).toMatch(/^Error: .*circular/i);
  });

  it('times a slow tool out and aborts its signal', async () => {
    const result = await registry.execute(call('hang', '{}'), { timeoutMs: 20 });
    expect(result).toMatchObject({ ok: false, errorCode: 'timeout', content: 'Error: tool timed out after 20 ms' });
    expect(stoppedBySignal).toBe(true);
  });

  it("leaves a tool's one-time set-up out of the call's deadline, and reports a set-up that fails", async () => {
    let prepared = 0;
    const slowToLoad = defineTool({
      name: 'slow_to_load',
      description: 'loads a library first',
      permission: 'read',
      parameters: z.object({}),
      // Longer than the call's deadline below: a machine so busy that a library takes that long to load.
      prepare: () => new Promise<void>((resolve) => setTimeout(() => resolve(void prepared++), 60)),
      execute: async () => `loaded ${prepared} time(s)`,
    });
    const broken = defineTool({ name: 'broken_load', description: 'cannot load', permission: 'read', parameters: z.object({}), prepare: async () => Promise.reject(new Error('module not found')), execute: async () => 'never' });
    const loading = new ToolRegistry([slowToLoad, broken], { sandbox });
    expect(await loading.execute(call('slow_to_load', '{}'), { timeoutMs: 20 })).toMatchObject({ ok: true, content: 'loaded 1 time(s)' });
    expect(await loading.execute(call('broken_load', '{}'))).toMatchObject({ ok: false, errorCode: 'tool_error', content: 'Error: module not found' });
  });

  it('stops when the run is aborted', async () => {
    const controller = new AbortController();
    const pending = registry.execute(call('hang', '{}'), { signal: controller.signal, timeoutMs: 60_000 });
    controller.abort(new Error('run cancelled'));
    const result = await pending;
    expect(result).toMatchObject({ ok: false, errorCode: 'aborted' });
    expect(result.content).toBe('Error: tool call aborted (run cancelled)');
  });

  it('does not start a call whose run is already aborted', async () => {
    const result = await registry.execute(call('echo', '{"text":"x"}'), { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, errorCode: 'aborted' });
  });

  it('caps long results with a visible marker', async () => {
    const small = new ToolRegistry(tools, { sandbox, maxOutputLength: 100 });
    const result = await small.execute(call('raw', JSON.stringify({ value: 'z'.repeat(500) })));
    expect(result.ok).toBe(true);
    expect(result.content.length).toBeLessThanOrEqual(100);
    expect(result.content).toMatch(/\[\.\.\. truncated \d+ characters\]$/);
  });

  it('never lets a successful result look like a failure', async () => {
    const result = await registry.execute(call('raw', '{"value":"Error: this is just file text"}'));
    expect(result.ok).toBe(true);
    expect(result.content.startsWith('Error:')).toBe(false);
    expect(result.content).toContain('Error: this is just file text');
  });

  it('reports a duration from the injected clock', async () => {
    let time = 1000;
    const timed = new ToolRegistry(tools, { sandbox, now: () => (time += 5) });
    expect((await timed.execute(call('echo', '{"text":"x"}'))).durationMs).toBe(5);
  });

  it('keeps only the selected tools', () => {
    expect(registry.select(['echo', 'stats']).names()).toEqual(['echo', 'stats']);
    expect(() => registry.select(['nope'])).toThrow(/no tools named nope/);
  });
});

describe('ToolRegistry permissions', () => {
  it('denies a destructive call by default and says how to allow it', async () => {
    const result = await registry.execute(call('wipe', '{"target":"disk"}'));
    expect(result).toMatchObject({ ok: false, errorCode: 'permission_denied' });
    expect(result.approved).toBeUndefined();
    expect(result.content).toBe(
      'Error: permission denied: wipe is destructive and this run allows read, write. ' +
        'To let it run, allow destructive calls (--allow destructive) or approve the call.',
    );
  });

  it('runs a destructive call when the run allows it', async () => {
    const result = await registry.execute(call('wipe', '{"target":"disk"}'), {
      allowed: ['read', 'write', 'destructive'],
    });
    expect(result).toMatchObject({ ok: true, content: 'wiped disk' });
  });

  it('denies a read call when the run allows only writes', async () => {
    const result = await registry.execute(call('echo', '{"text":"x"}'), { allowed: ['write'] });
    expect(result.content).toMatch(/^Error: permission denied: echo is read and this run allows write\./);
  });

  const approvedBy = (by: string) => async () => ({ status: 'approved' as const, by, at: 1000 });

  it('asks the gate, passing the parsed request, and runs when it approves, keeping who decided', async () => {
    const requests: ApprovalRequest[] = [];
    const result = await registry.execute(
      { id: 'call-7', name: 'wipe', arguments: '{"target":"cache"}' },
      {
        gate: async (request) => {
          requests.push(request);
          return { status: 'approved', by: 'ana', at: 1000, reason: 'it is only a cache' };
        },
      },
    );
    expect(requests).toEqual([
      { toolName: 'wipe', permission: 'destructive', arguments: { target: 'cache' }, callId: 'call-7' },
    ]);
    expect(result).toMatchObject({ ok: true, content: 'wiped cache', approved: true, verdict: { status: 'approved', by: 'ana', reason: 'it is only a cache' } });
  });

  it('tells the model who rejected the call and why', async () => {
    const result = await registry.execute(call('wipe', '{"target":"cache"}'), { gate: async () => ({ status: 'rejected', by: 'bo', at: 1000, reason: 'not on a Friday' }) });
    expect(result).toMatchObject({ ok: false, errorCode: 'approval_rejected', approved: false, verdict: { by: 'bo' } });
    expect(result.content).toBe('Error: the call to wipe was rejected by bo: not on a Friday');
  });

  it('does not run a call the gate pauses, and says which approval it waits for', async () => {
    const result = await registry.execute(call('wipe', '{"target":"cache"}'), { gate: async () => ({ status: 'paused', approvalId: 'a1b2c3d4' }) });
    expect(result).toMatchObject({ ok: false, errorCode: 'awaiting_approval', pendingApprovalId: 'a1b2c3d4' });
    expect(result.approved).toBeUndefined();
  });

  it('denies when the gate fails', async () => {
    const result = await registry.execute(call('wipe', '{"target":"cache"}'), {
      gate: async () => {
        throw new Error('approval service down');
      },
    });
    expect(result).toMatchObject({ ok: false, errorCode: 'permission_denied', approved: false });
    expect(result.content).toContain('approval service down');
  });

  it('does not ask the gate about allowed calls', async () => {
    let asked = false;
    await registry.execute(call('echo', '{"text":"x"}'), {
      gate: async () => {
        asked = true;
        return { status: 'approved', by: 'ana', at: 0 };
      },
    });
    expect(asked).toBe(false);
  });

  it('asks about a tool set to required even at an allowed level, and never about one set to never', async () => {
    const asked: string[] = [];
    const gate = async (request: ApprovalRequest) => {
      asked.push(request.toolName);
      return { status: 'approved' as const, by: 'ana', at: 0 };
    };
    const echoed = await registry.execute(call('echo', '{"text":"x"}'), { gate, toolApprovals: { echo: 'required' } });
    const wiped = await registry.execute(call('wipe', '{"target":"x"}'), { gate, toolApprovals: { wipe: 'never' } });
    expect(asked).toEqual(['echo']);
    expect(echoed).toMatchObject({ ok: true, approved: true });
    expect(wiped).toMatchObject({ ok: true, content: 'wiped x' });
    expect(wiped.approved).toBeUndefined();
    const ungated = await registry.execute(call('echo', '{"text":"x"}'), { toolApprovals: { echo: 'required' } });
    expect(ungated.content).toBe('Error: permission denied: echo needs an approval (config approvals.tools) and no one can approve it in this run.');
    expect((await registry.execute(call('wipe', '{"target":"y"}'), { gate: approvedBy('ana') })).verdict?.by).toBe('ana');
  });

  it('uses run-wide permissions given to the registry', async () => {
    const permissive = new ToolRegistry(tools, { sandbox, allowed: ['read', 'destructive'] });
    expect((await permissive.execute(call('wipe', '{"target":"x"}'))).ok).toBe(true);
  });

  it('validates arguments before asking for approval', async () => {
    let asked = false;
    const result = await registry.execute(call('wipe', '{}'), {
      gate: async () => {
        asked = true;
        return { status: 'approved', by: 'ana', at: 0 };
      },
    });
    expect(result.errorCode).toBe('invalid_arguments');
    expect(asked).toBe(false);
  });
});
