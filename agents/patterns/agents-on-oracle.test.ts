// Each of the four agents completes sample goals on sim:oracle through real HTTP, and its trajectory
// shows the tool calls the goal needs, made by the right agent or worker.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import type { AgentResult, ToolCallStep } from '../core/agent-result.js';
import { runAgent } from '../core/run-agent.js';
import { createAgentTestBed, type AgentTestBed } from '../core/test-support.js';
import { agentPatterns, type AgentName } from './index.js';

let bed: AgentTestBed;
let oracle: ModelHandle;

beforeAll(async () => {
  bed = createAgentTestBed();
  oracle = await bed.open('sim:oracle');
});
afterAll(() => bed.close());

async function run(agent: AgentName, goal: string) {
  const { sandbox, registry } = await bed.tools();
  const result = await runAgent(agent, agentPatterns[agent], goal, { model: oracle, tools: registry, seed: 1 });
  return { result, sandbox };
}

const toolCalls = (result: AgentResult) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
const toolsBy = (result: AgentResult, agent?: string) => toolCalls(result).filter((step) => !agent || step.agent === agent).map((step) => step.tool);

describe('react on sim:oracle', () => {
  it('searches, calculates and saves, in that order, and answers with the facts', async () => {
    const { result, sandbox } = await run('react', 'Search for the boiling point of water and calculate 17 * 23, then save the result to result.txt');
    expect(result.status).toBe('completed');
    expect(toolsBy(result)).toEqual(['search_web', 'calculator', 'write_file']);
    expect(toolCalls(result).every((step) => step.ok)).toBe(true);
    expect(result.output).toContain('100 °C');
    expect(result.output).toContain('391');
    expect(await readFile(await sandbox.resolve('result.txt'), "utf8")).toContain('391');
  });

  it('reads a sandbox file and lists a folder', async () => {
    const { result } = await run('react', 'Read notes.txt and list the files in the data folder');
    expect(result.status).toBe('completed');
    expect(toolsBy(result)).toEqual(['read_file', 'list_files']);
    expect(result.output).toContain('sales.csv');
  });

  it('records every model call with tokens, latency and finish reason, and sums usage', async () => {
    const { result } = await run('react', 'Who created Python?');
    const modelCalls = result.steps.filter((step) => step.type === 'model_call');
    expect(modelCalls.map((step) => step.finishReason)).toEqual(['tool_calls', 'stop']);
    for (const step of modelCalls) {
      expect(step.inputTokens).toBeGreaterThan(0);
      expect(step.latencyMs).toBeGreaterThanOrEqual(0);
      expect(step.model).toBe('oracle');
      expect(step.provider).toBe('agentlab.sim');
    }
    const input = modelCalls.reduce((sum, step) => sum + step.inputTokens, 0);
    const output = modelCalls.reduce((sum, step) => sum + step.outputTokens, 0);
    expect(result.usage).toEqual({ inputTokens: input, outputTokens: output, totalTokens: input + output });
    expect(result.output).toContain('Guido van Rossum');
  });
});

describe('plan-execute on sim:oracle', () => {
  it('plans one step per action, runs each as a scoped ReAct, and synthesises', async () => {
    const { result, sandbox } = await run('plan-execute', 'Find the height of Mount Everest, then write it to everest.md');
    expect(result.status).toBe('completed');
    const agents = [...new Set(result.steps.map((step) => step.agent))];
    expect(agents).toEqual(['planner', 'executor', 'synthesizer']);
    expect(toolsBy(result, 'executor')).toEqual(['search_web', 'write_file']);
    expect(result.output).toContain('8,849');
    expect(await readFile(await sandbox.resolve('everest.md'), "utf8")).toContain('8,849');
  });

  it('re-plans when a step fails, at most twice, and still answers', async () => {
    const { result } = await run('plan-execute', 'Read missing-file.txt');
    expect(result.status).toBe('completed');
    expect(result.counters?.replans).toBe(2);
    expect(result.steps.filter((step) => step.type === 'model_call' && step.agent === 'planner')).toHaveLength(3);
    expect(toolCalls(result).every((step) => !step.ok)).toBe(true);
  });
});

describe('supervisor on sim:oracle', () => {
  it('delegates to researcher, writer and reviewer with structured decisions, then finishes', async () => {
    const { result, sandbox } = await run('supervisor', 'Research the speed of light and save a summary to light.md');
    expect(result.status).toBe('completed');
    const order = result.steps.filter((step) => step.type === 'model_call').map((step) => step.agent);
    expect([...new Set(order)]).toEqual(['supervisor', 'researcher', 'writer', 'reviewer']);
    expect(order.at(-1)).toBe('supervisor');
    expect(toolsBy(result, 'researcher')).toEqual(['search_web']);
    expect(toolsBy(result, 'writer')).toEqual(['write_file']);
    expect(result.output).toContain('299,792');
    expect(await readFile(await sandbox.resolve('light.md'), "utf8")).toContain('299,792');
  });
});

describe('pipeline on sim:oracle', () => {
  it('researches, writes and passes review without revising a good draft', async () => {
    const { result } = await run('pipeline', 'Search for the boiling point of water and write a short answer.');
    expect(result.status).toBe('completed');
    expect([...new Set(result.steps.map((step) => step.agent))]).toEqual(['researcher', 'writer', 'reviewer']);
    expect(toolsBy(result, 'researcher')).toEqual(['search_web']);
    expect(result.counters?.revisions).toBeUndefined();
    expect(result.output).toContain('100 °C');
  });

  it('revises a draft that scores below the threshold, at most twice', async () => {
    const { result } = await run('pipeline', 'Search for the zorblax migration season and write a short answer.');
    expect(result.status).toBe('completed');
    expect(result.counters?.revisions).toBe(2);
    expect(result.steps.filter((step) => step.type === 'model_call' && step.agent === 'reviewer')).toHaveLength(3);
  });
});
