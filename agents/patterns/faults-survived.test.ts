// The faults real models and endpoints produce, injected by the simulator's profiles, are survived
// as designed; each test finds a seed where the fault happens and asserts on the trajectory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentResult, ModelCallStep, ToolCallStep } from '../core/agent-result.js';
import type { AgentOptions } from '../core/agent-options.js';
import { runAgent } from '../core/run-agent.js';
import { createAgentTestBed, type AgentTestBed } from '../core/test-support.js';
import { agentPatterns, type AgentName } from './index.js';

let bed: AgentTestBed;
beforeAll(() => {
  bed = createAgentTestBed();
});
afterAll(() => bed.close());

const goal = 'Search for the boiling point of water and calculate 17 * 23';
const toolSteps = (result: AgentResult) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
const modelSteps = (result: AgentResult) => result.steps.filter((step): step is ModelCallStep => step.type === 'model_call');

async function run(agent: AgentName, reference: string, seed: number, options: Partial<AgentOptions> = {}, runGoal = goal) {
  const { registry } = await bed.tools();
  return runAgent(agent, agentPatterns[agent], runGoal, { model: await bed.open(reference), tools: registry, seed, ...options });
}

/** The first seed under `limit` whose run satisfies `shows`, with that run. */
async function findSeed(limit: number, attempt: (seed: number) => Promise<AgentResult>, shows: (result: AgentResult) => boolean) {
  for (let seed = 0; seed < limit; seed++) {
    const result = await attempt(seed);
    if (shows(result)) return { seed, result };
  }
  throw new Error(`no seed under ${limit} showed the fault`);
}

describe('behavioural faults on sim:weak', () => {
  it('recovers from a tool name that does not exist: the result names the real tools and the next call is right', async () => {
    const { result } = await findSeed(200, (seed) => run('react', 'sim:weak', seed), (candidate) => toolSteps(candidate)[0]?.errorCode === 'unknown_tool' && candidate.status === 'completed');
    const [unknown, ...rest] = toolSteps(result);
    expect(unknown!.result).toMatch(/^Error: unknown tool ".+"\. Available tools: .*search_web/);
    expect(rest.some((step) => step.tool === 'search_web' && step.ok)).toBe(true);
    expect(result.output).toContain('100 °C');
  });

  it('recovers from malformed JSON arguments: the result carries the parse error and the schema', async () => {
    // Weak may slip again on the next turn too; the seed chosen is one where it then gets the call right.
    const recovered = (candidate: AgentResult) => {
      const [first, ...rest] = toolSteps(candidate);
      return first?.errorCode === 'invalid_json' && rest.some((step) => step.tool === first.tool && step.ok);
    };
    const { result } = await findSeed(300, (seed) => run('react', 'sim:weak', seed), recovered);
    const [malformed] = toolSteps(result);
    expect(malformed!.ok).toBe(false);
    expect(malformed!.result).toContain('not valid JSON');
    expect(malformed!.result).toMatch(/Expected arguments matching this JSON Schema: .*"(query|expression)"/s);
  });

  it('breaks a single repeat by telling the agent to change course, and the run completes', async () => {
    const { result } = await findSeed(300, (seed) => run('react', 'sim:weak', seed), (candidate) => toolSteps(candidate).some((step) => step.errorCode === 'repeated_call') && candidate.status === 'completed');
    const repeat = toolSteps(result).find((step) => step.errorCode === 'repeated_call')!;
    expect(repeat.result).toMatch(/^Error: repeated call/);
    expect(repeat.result).toContain('Change course');
  });

  it('counts and retries a supervisor decision that does not parse, never skipping it', async () => {
    const { result } = await findSeed(200, (seed) => run('supervisor', 'sim:weak', seed), (candidate) => (candidate.counters?.supervisor_decision_unparsed ?? 0) > 0 && candidate.status === 'completed');
    const supervisorCalls = modelSteps(result).filter((step) => step.agent === 'supervisor');
    const unparsed = supervisorCalls.filter((step) => {
      try {
        JSON.parse(step.content ?? '');
        return false;
      } catch {
        return true;
      }
    });
    expect(unparsed).toHaveLength(result.counters!.supervisor_decision_unparsed!);
  });
});

describe('loops', () => {
  it('ends a run that keeps repeating after being told to change course, with status error and loop_detected', async () => {
    const result = await run('react', 'sim:looping', 1);
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('loop_detected');
    expect(toolSteps(result).map((step) => step.errorCode ?? 'ok')).toEqual(['ok', 'repeated_call', 'repeated_call']);
  });
});

describe('transport faults on sim:flaky', () => {
  it('retries a 429 after the Retry-After the server sent, and the call then succeeds', async () => {
    const waits: number[] = [];
    const sleep = async (milliseconds: number) => void waits.push(milliseconds);
    const { result } = await findSeed(200, (seed) => run('react', 'sim:flaky', seed, { sleep }), (candidate) => modelSteps(candidate).some((step) => step.retries?.some((retry) => retry.status === 429) && !step.error));
    const step = modelSteps(result).find((candidate) => candidate.retries?.some((retry) => retry.status === 429))!;
    const retry = step.retries!.find((candidate) => candidate.status === 429)!;
    expect(retry.waitedMs).toBe(200);
    expect(waits).toContain(200);
    expect(step.attempts).toBeGreaterThan(1);
    expect(step.finishReason).not.toBeNull();
  });

  it('times out a stalled call and retries it', async () => {
    const { result } = await findSeed(
      200,
      (seed) => run('react', 'sim:flaky', seed, { limits: { modelTimeoutMs: 250 }, sleep: async () => undefined }),
      (candidate) => modelSteps(candidate).some((step) => step.retries?.some((retry) => retry.error === 'timed out') && !step.error),
    );
    const step = modelSteps(result).find((candidate) => candidate.retries?.some((retry) => retry.error === 'timed out'))!;
    expect(step.latencyMs).toBeGreaterThanOrEqual(250);
    expect(step.attempts).toBeGreaterThan(1);
  });

  it('retries a 500 and a response cut off mid-way', async () => {
    const options = { sleep: async () => undefined, limits: { modelTimeoutMs: 250 } };
    const seen = (result: AgentResult, matches: (retry: NonNullable<ModelCallStep['retries']>[number]) => boolean) =>
      modelSteps(result).some((step) => step.retries?.some(matches) && !step.error);
    await findSeed(200, (seed) => run('react', 'sim:flaky', seed, options), (result) => seen(result, (retry) => retry.status === 500));
    await findSeed(200, (seed) => run('react', 'sim:flaky', seed, options), (result) => seen(result, (retry) => retry.status === undefined && retry.error !== 'timed out'));
  });

  it('ends the run with status error after three failed tries', async () => {
    const { result } = await findSeed(400, (seed) => run('react', 'sim:flaky', seed, { sleep: async () => undefined, limits: { modelTimeoutMs: 250 } }), (candidate) => candidate.status === 'error');
    expect(result.error?.code).toBe('model_call_failed');
    const failed = modelSteps(result).at(-1)!;
    expect(failed.error).toContain('failed 3 times');
    expect(failed.retries).toHaveLength(3);
  });
});
