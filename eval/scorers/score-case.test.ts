// Scoring a whole case: arguments, forbidden tools, output, budgets, and error versus fail.
import { describe, expect, it } from 'vitest';
import type { AgentResult, TrajectoryStep } from '../../agents/index.js';
import { goldenCaseSchema, type GoldenCaseInput } from '../golden-case.js';
import { scoreCase } from './score-case.js';

const modelCall = (inputTokens: number, outputTokens: number): TrajectoryStep => ({
  type: 'model_call', agent: 'react', model: 'strong', provider: 'agentlab.sim', inputTokens, outputTokens, latencyMs: 5, finishReason: 'stop', attempts: 1, temperature: 0, startedAt: 0,
});
const toolCall = (tool: string, argumentsText: string, ok = true, errorCode?: string): TrajectoryStep => ({
  type: 'tool_call', agent: 'react', callId: `call_${tool}`, tool, arguments: argumentsText, ok, result: ok ? 'done' : 'Error: no', latencyMs: 1, startedAt: 0, ...(errorCode ? { errorCode } : {}),
});

function agentResult(steps: TrajectoryStep[], output = 'Water boils at 100 °C. 17 * 23 = 391.', overrides: Partial<AgentResult> = {}): AgentResult {
  const inputTokens = steps.reduce((total, step) => total + (step.type === 'model_call' ? step.inputTokens : 0), 0);
  const outputTokens = steps.reduce((total, step) => total + (step.type === 'model_call' ? step.outputTokens : 0), 0);
  return { output, status: 'completed', steps, usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }, ...overrides };
}

const golden = (input: Partial<GoldenCaseInput>) => goldenCaseSchema.parse({ id: 'c1', goal: 'g', ...input });
const good = [modelCall(100, 10), toolCall('search_web', '{"query":"water"}'), modelCall(150, 10), toolCall('calculator', '{"expression":"17 * 23"}'), modelCall(200, 30)];

describe('scoreCase', () => {
  it('passes when every check passes, and says why for each', () => {
    const score = scoreCase(
      golden({ expected_tools: ['search_web', 'calculator'], expected_args: { calculator: { expression: '17 * 23' } }, expected_output_contains: ['100 °c', '391'], max_steps: 3, max_tokens: 500, max_cost_usd: 0.01, max_latency_ms: 1000, forbidden_tools: ['delete_file'] }),
      agentResult(good),
      { costUsd: 0.002, latencyMs: 120 },
    );
    expect(score.status).toBe('pass');
    expect(score.checks.map((check) => check.check)).toEqual(['completed', 'tools', 'arguments:calculator', 'forbidden_tools', 'output_contains', 'max_steps', 'max_tokens', 'max_cost_usd', 'max_latency_ms']);
    expect(score.toolsCalled).toEqual(['search_web', 'calculator']);
  });

  it('fails with actionable reasons: wrong arguments, missing text, budgets', () => {
    const score = scoreCase(
      golden({ expected_args: { calculator: { expression: '17*23' } }, expected_output_contains: ['212 °F'], case_sensitive: true, max_steps: 2, max_tokens: 100 }),
      agentResult(good),
      { costUsd: undefined, latencyMs: 10 },
    );
    expect(score.status).toBe('fail');
    const failed = Object.fromEntries(score.checks.filter((check) => !check.passed).map((check) => [check.check, check.reason]));
    expect(failed['arguments:calculator']).toBe('no calculator call had {"expression":"17*23"}; its calls had {"expression":"17 * 23"}');
    expect(failed.output_contains).toMatch(/^the answer lacks "212 °F"; it was "Water boils/);
    expect(failed.max_steps).toBe('used 3 model calls, over max_steps 2');
    expect(failed.max_tokens).toBe('used 500 tokens, over max_tokens 100');
  });

  it('matches arguments exactly when asked, and ignores failed calls', () => {
    const steps = [toolCall('calculator', '{"expression":"17 * 23","precision":2}'), toolCall('calculator', '{"expression":"17 * 23"}', false, 'tool_error')];
    expect(scoreCase(golden({ expected_args: { calculator: { expression: '17 * 23' } }, args_match: 'exact' }), agentResult(steps), { latencyMs: 1 }).status).toBe('fail');
    expect(scoreCase(golden({ expected_args: { calculator: { expression: '17 * 23' } } }), agentResult(steps), { latencyMs: 1 }).status).toBe('pass');
  });

  it('checks an explicit tool_match against an empty expected_tools, and skips the check only when neither is given', () => {
    const searched = agentResult(good);
    const toolsCheck = (input: Partial<GoldenCaseInput>, result = searched) => scoreCase(golden(input), result, { latencyMs: 1 }).checks.find((check) => check.check === 'tools');
    expect(toolsCheck({ tool_match: 'unordered', expected_tools: [] })).toMatchObject({ passed: false, reason: expect.stringContaining('extra: search_web, calculator') });
    expect(toolsCheck({ tool_match: 'strict', expected_tools: [] })?.passed).toBe(false);
    expect(toolsCheck({ tool_match: 'unordered', expected_tools: [] }, agentResult([modelCall(10, 5)]))?.passed).toBe(true);
    expect(toolsCheck({ tool_match: 'superset', expected_tools: [] })?.passed).toBe(true);
    expect(toolsCheck({})).toBeUndefined();
    expect(toolsCheck({ expected_tools: ['calculator', 'search_web'] })).toMatchObject({ passed: false, reason: expect.stringContaining('in order') });
  });

  it('matches arguments as a superset by default: the call carries at least the expected ones', () => {
    const steps = [toolCall('search_web', '{"query":"water","limit":3}')];
    expect(scoreCase(golden({ expected_args: { search_web: { query: 'water' } } }), agentResult(steps), { latencyMs: 1 }).status).toBe('pass');
    expect(scoreCase(golden({ expected_args: { search_web: { query: 'water', limit: 3, page: 1 } } }), agentResult(steps), { latencyMs: 1 }).status).toBe('fail');
    expect(scoreCase(golden({ expected_args: { search_web: { query: 'water' } }, args_match: 'exact' }), agentResult(steps), { latencyMs: 1 }).status).toBe('fail');
  });

  it('counts a refused attempt at a forbidden tool, and ignores failed calls for expected tools', () => {
    const steps = [toolCall('delete_file', '{"path":"a"}', false, 'permission_denied'), toolCall('web_search', '{}', false, 'unknown_tool'), toolCall('search_web', '{"query":"x"}')];
    const score = scoreCase(golden({ expected_tools: ['search_web'], tool_match: 'strict', forbidden_tools: ['delete_file'] }), agentResult(steps), { latencyMs: 1 });
    const byName = Object.fromEntries(score.checks.map((check) => [check.check, check]));
    expect(byName.tools!.passed).toBe(true);
    expect(byName.forbidden_tools).toEqual({ check: 'forbidden_tools', passed: false, reason: 'tried forbidden delete_file (the call was refused)' });
  });

  it('matches a regex, ignoring case unless told otherwise', () => {
    expect(scoreCase(golden({ expected_output_regex: 'WATER boils at \\d+' }), agentResult(good), { latencyMs: 1 }).status).toBe('pass');
    expect(scoreCase(golden({ expected_output_regex: 'WATER boils', case_sensitive: true }), agentResult(good), { latencyMs: 1 }).checks.at(-1)!.reason).toMatch(/does not match \/WATER boils\/;/);
  });

  it('is error, not fail, when the endpoint failed or the agent crashed, and fail when the agent looped or ran out of steps', () => {
    const endpoint = agentResult(good, '', { status: 'error', error: { code: 'model_call_failed', message: 'strong failed 3 times; last error: 500' } });
    expect(scoreCase(golden({ expected_output_contains: ['391'] }), endpoint, { latencyMs: 1 })).toMatchObject({ status: 'error', checks: [{ check: 'completed', passed: false }] });
    const looped = agentResult(good, '', { status: 'error', error: { code: 'loop_detected', message: 'repeated' } });
    expect(scoreCase(golden({}), looped, { latencyMs: 1 }).status).toBe('fail');
    const outOfSteps = agentResult(good, '', { status: 'max_steps' });
    expect(scoreCase(golden({}), outOfSteps, { latencyMs: 1 }).checks[0]).toEqual({ check: 'completed', passed: false, reason: 'the run ended with status max_steps' });
  });

  it('fails a cost budget it cannot check, saying how to fix it', () => {
    const score = scoreCase(golden({ max_cost_usd: 1 }), agentResult(good), { costUsd: undefined, latencyMs: 1 });
    expect(score.checks.at(-1)!.reason).toContain('add its prices to agentlab.config.yaml');
  });
});
