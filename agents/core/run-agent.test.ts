// Run-level behaviour through a real agent on the simulator: budgets, cancellation, permissions and
// approval, temperatures, and progress as an async iterable of events.
import { access } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { agentPatterns } from '../patterns/index.js';
import type { RunApprovalRequest } from './approval-gate.js';
import type { ModelCallStep, ToolCallStep } from './agent-result.js';
import type { ProgressEvent } from './progress-event.js';
import { runAgent, streamAgent } from './run-agent.js';
import { createAgentTestBed, type AgentTestBed } from './test-support.js';

let bed: AgentTestBed;
let oracle: ModelHandle;
beforeAll(async () => {
  bed = createAgentTestBed();
  oracle = await bed.open('sim:oracle');
});
afterAll(() => bed.close());

const goal = 'Search for the boiling point of water and calculate 17 * 23';
const exists = (path: string) => access(path).then(() => true, () => false);

describe('budgets and cancellation', () => {
  it('stops with max_steps when the run reaches its limit of model calls', async () => {
    const { registry } = await bed.tools();
    const result = await runAgent('react', agentPatterns.react, goal, { model: oracle, tools: registry, limits: { maxSteps: 2 } });
    expect(result.status).toBe('max_steps');
    expect(result.steps.filter((step) => step.type === 'model_call')).toHaveLength(2);
  });

  it('stops with budget_exceeded once the tokens spent pass max_tokens', async () => {
    const { registry } = await bed.tools();
    const result = await runAgent('react', agentPatterns.react, goal, { model: oracle, tools: registry, limits: { maxTokens: 500 } });
    expect(result.status).toBe('budget_exceeded');
    expect(result.usage.totalTokens).toBeGreaterThan(500);
    expect(result.error?.message).toContain('500');
  });

  it('ends with status error when its AbortSignal fires', async () => {
    const { registry } = await bed.tools();
    const controller = new AbortController();
    const result = await runAgent('react', agentPatterns.react, goal, {
      model: oracle,
      tools: registry,
      signal: controller.signal,
      onEvent: (event) => event.type === 'tool-result' && controller.abort(),
    });
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('aborted');
    expect(result.steps.filter((step) => step.type === 'tool_call')).toHaveLength(1);
  });
});

describe('permissions and approval', () => {
  const deleteGoal = 'Delete old-report.txt';

  it('denies a destructive call without approval, and the file stays', async () => {
    const { sandbox, registry } = await bed.tools();
    const result = await runAgent('react', agentPatterns.react, deleteGoal, { model: oracle, tools: registry });
    const deletion = result.steps.find((step): step is ToolCallStep => step.type === 'tool_call' && step.tool === 'delete_file')!;
    expect(deletion.ok).toBe(false);
    expect(deletion.errorCode).toBe('permission_denied');
    expect(deletion.result).toMatch(/^Error: permission denied/);
    expect(result.status).toBe('completed');
    expect(await exists(await sandbox.resolve('old-report.txt'))).toBe(true);
  });

  it('carries out a destructive call that the approval gate approves, recording who approved it', async () => {
    const { sandbox, registry } = await bed.tools();
    const requests: RunApprovalRequest[] = [];
    const result = await runAgent('react', agentPatterns.react, deleteGoal, {
      model: oracle,
      tools: registry,
      approvalGate: async (request) => {
        requests.push(request);
        return { status: 'approved', by: 'ana', at: 1000 };
      },
    });
    expect(requests).toEqual([expect.objectContaining({ toolName: 'delete_file', permission: 'destructive', arguments: { path: 'old-report.txt' }, agent: 'react' })]);
    expect(requests[0]!.context).toContain('user: Delete old-report.txt');
    const deletion = result.steps.find((step): step is ToolCallStep => step.type === 'tool_call' && step.tool === 'delete_file')!;
    expect(deletion).toMatchObject({ ok: true, approved: true, approval: { status: 'approved', by: 'ana' } });
    expect(await exists(await sandbox.resolve('old-report.txt'))).toBe(false);
  });

  it('runs destructive calls without asking when the run allows them', async () => {
    const { registry } = await bed.tools();
    const result = await runAgent('react', agentPatterns.react, deleteGoal, { model: oracle, tools: registry, allowed: ['read', 'write', 'destructive'] });
    expect(result.steps.find((step): step is ToolCallStep => step.type === 'tool_call')).toMatchObject({ tool: 'delete_file', ok: true });
  });
});

describe('temperatures', () => {
  it('uses 0 for tool selection and routing, and the configured temperature for drafting', async () => {
    const { registry } = await bed.tools();
    const result = await runAgent('pipeline', agentPatterns.pipeline, 'Search for the boiling point of water and write a short answer.', { model: oracle, tools: registry, temperature: 0.4 });
    const temperatures = Object.fromEntries(result.steps.filter((step): step is ModelCallStep => step.type === 'model_call').map((step) => [step.agent, step.temperature]));
    expect(temperatures).toEqual({ researcher: 0, writer: 0.4, reviewer: 0 });
  });
});

describe('goal restatement', () => {
  it('restates the original goal to the model every few steps of a long run', async () => {
    const { registry } = await bed.tools();
    const events: ProgressEvent[] = [];
    const result = await runAgent(
      'react',
      agentPatterns.react,
      'Search for the boiling point of water, calculate 17 * 23, read notes.txt, list the files in the data folder, then save it to summary.txt',
      { model: oracle, tools: registry, onEvent: (event) => events.push(event), captureContent: false },
    );
    expect(result.status).toBe('completed');
    expect(result.steps.filter((step) => step.type === 'model_call')).toHaveLength(6);
    expect(events.filter((event) => event.type === 'guard' && event.guard === 'goal-restated')).toEqual([expect.objectContaining({ agent: 'react', detail: 'step 4' })]);
  });
});

describe('progress events', () => {
  it('streams one ordered sequence of events from run-start to run-end as an async iterable', async () => {
    const { registry } = await bed.tools();
    const { events, result } = streamAgent('react', agentPatterns.react, goal, { model: oracle, tools: registry });
    const seen: ProgressEvent[] = [];
    for await (const event of events) seen.push(event);
    const final = await result;
    expect(seen.map((event) => event.type)).toEqual([
      'run-start',
      'step-start', 'model-call', 'tool-call', 'tool-result',
      'step-start', 'model-call', 'tool-call', 'tool-result',
      'step-start', 'model-call',
      'run-end',
    ]);
    expect(seen.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', output: final.output, usage: final.usage });
  });
});
