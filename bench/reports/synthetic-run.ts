// One synthetic nightly run: its RunRecord and a result per case and model, with a pass, fail or
// error outcome whose rate drifts over the year (strong about 95%, weak about 60%), checks with
// reasons, tokens, cost, latency and the model and tool calls its trace is drawn from.
import type { CaseResultRecord, CheckResult, RunRecord } from '../../store/index.js';
import { AGENTS, CASES_PER_RUN, MODELS } from './constants.js';
import type { RandomSource } from './random-source.js';
import { syntheticCases } from './synthetic-cases.js';
import type { SyntheticCase } from './synthetic-cases.js';

export interface SyntheticModelCall {
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  costUsd: number;
  /** 2 when the first attempt was rate limited and retried. */
  attempts: number;
}

export interface SyntheticToolCall {
  tool: string;
  ok: boolean;
  durationMs: number;
}

/** A case result and the calls behind it, from which its trace is drawn. */
export interface SyntheticResult {
  record: CaseResultRecord & { traceId: string };
  modelCalls: SyntheticModelCall[];
  toolCalls: SyntheticToolCall[];
}

export interface SyntheticRun {
  /** As created: `running`, with no finish time. */
  run: RunRecord;
  /** When its last result finished. */
  finishedAt: number;
  results: SyntheticResult[];
}

interface ModelProfile {
  /** Pass probability at the start of the year and how much it gains by the end. */
  passRate: number;
  passRateGain: number;
  /** How much of a hard case's difficulty this model feels. */
  difficultyWeight: number;
  errorRate: number;
  /** USD per million tokens, as the sim profiles price them. */
  inputPrice: number;
  outputPrice: number;
  firstTokenMs: number;
  tokensPerSecond: number;
}

const profiles: Record<(typeof MODELS)[number], ModelProfile> = {
  'sim:strong': { passRate: 0.95, passRateGain: 0.04, difficultyWeight: 0.5, errorRate: 0.01, inputPrice: 2.5, outputPrice: 10, firstTokenMs: 300, tokensPerSecond: 90 },
  'sim:weak': { passRate: 0.58, passRateGain: 0.1, difficultyWeight: 1, errorRate: 0.03, inputPrice: 0.15, outputPrice: 0.6, firstTokenMs: 150, tokensPerSecond: 150 },
};
/** Some agents do a little better or worse than others, so the trend lines separate. */
const agentOffsets: Record<(typeof AGENTS)[number], number> = { react: 0, 'plan-execute': -0.015, supervisor: -0.03, pipeline: 0.01 };
const datasetPath = 'datasets/golden/agent-tasks.jsonl';
const concurrency = 8;
/** Runs between edits of the dataset file (its hash changes; its path does not). */
const datasetDays = 91;

/** The pass probability on day `yearFraction` (0 to 1): a slow gain, a seasonal wobble, the case's difficulty. */
function passProbability(profile: ModelProfile, agent: (typeof AGENTS)[number], goldenCase: SyntheticCase, yearFraction: number): number {
  const wobble = 0.02 * Math.sin(yearFraction * Math.PI * 8);
  const probability = profile.passRate + profile.passRateGain * yearFraction + wobble + agentOffsets[agent] - goldenCase.difficulty * profile.difficultyWeight;
  return Math.min(0.995, Math.max(0.02, probability));
}

function runId(startedAt: number, random: RandomSource): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${random.hex(3)}`;
}

function passedCheck(check: string, goldenCase: SyntheticCase, modelCalls: number): CheckResult {
  switch (check) {
    case 'completed':
      return { check, passed: true, reason: 'the run completed' };
    case 'tools':
      return { check, passed: true, reason: `called every one of ${goldenCase.expectedTools.join(', ')}` };
    case 'output_contains':
      return { check, passed: true, reason: `the answer contains "${goldenCase.expectedText}"` };
    case 'max_steps':
      return { check, passed: true, reason: `used ${modelCalls} model calls, within max_steps 6` };
    default:
      return { check, passed: true, reason: 'never tried send_email, delete_file' };
  }
}

function failedCheck(check: string, goldenCase: SyntheticCase, output: string): CheckResult {
  switch (check) {
    case 'tools':
      return { check, passed: false, reason: `never called: ${goldenCase.expectedTools.at(-1)}; calls were: ${goldenCase.expectedTools.slice(0, -1).join(' → ') || '(none)'}` };
    case 'output_contains':
      return { check, passed: false, reason: `the answer lacks "${goldenCase.expectedText}"; it was "${output.slice(0, 80)}…"` };
    case 'max_steps':
      return { check, passed: false, reason: 'used 7 model calls, over max_steps 6' };
    default:
      return { check, passed: false, reason: 'tried forbidden send_email (the call was refused)' };
  }
}

function modelCallsOf(profile: ModelProfile, count: number, random: RandomSource): SyntheticModelCall[] {
  return Array.from({ length: count }, (_, index) => {
    const inputTokens = 850 + 420 * index + random.integer(0, 300);
    const outputTokens = random.integer(25, 220);
    const attempts = random.next() < 0.03 ? 2 : 1;
    return {
      inputTokens,
      outputTokens,
      durationMs: profile.firstTokenMs + (outputTokens / profile.tokensPerSecond) * 1000 + random.integer(0, 400) + (attempts - 1) * 1000,
      costUsd: (inputTokens * profile.inputPrice + outputTokens * profile.outputPrice) / 1e6,
      attempts,
    };
  });
}

function syntheticResult(
  run: RunRecord,
  goldenCase: SyntheticCase,
  agent: (typeof AGENTS)[number],
  model: (typeof MODELS)[number],
  startedAt: number,
  yearFraction: number,
  random: RandomSource,
): SyntheticResult {
  const profile = profiles[model];
  const draw = random.next();
  const status = draw < profile.errorRate ? 'error' : draw < profile.errorRate + (1 - profile.errorRate) * passProbability(profile, agent, goldenCase, yearFraction) ? 'pass' : 'fail';
  // Model calls 2–5 and one tool call fewer: traces of 4–10 spans, 7 on average.
  const modelCalls = modelCallsOf(profile, status === 'error' ? random.integer(1, 2) : random.integer(2, 5), random);
  const failingCheck = status === 'fail' ? random.pick(goldenCase.checks.slice(1)) : undefined;
  const toolCalls = Array.from({ length: modelCalls.length - 1 }, (_, index): SyntheticToolCall => ({
    tool: goldenCase.expectedTools[index % goldenCase.expectedTools.length]!,
    ok: !(failingCheck === 'tools' && index === modelCalls.length - 2),
    durationMs: random.integer(4, 450),
  }));
  const latencyMs = modelCalls.reduce((sum, call) => sum + call.durationMs, 0) + toolCalls.reduce((sum, call) => sum + call.durationMs, 0);
  const output =
    status === 'error'
      ? ''
      : status === 'pass'
        ? `${goldenCase.expectedText}. I checked this with ${goldenCase.expectedTools.join(' and ')}; the source agrees and nothing else in the corpus contradicts it.`
        : `I could not find a definitive answer to "${goldenCase.goal}". The closest result I found was unrelated, so I am reporting what I have so far.`;
  const checks: CheckResult[] =
    status === 'error'
      ? [{ check: 'completed', passed: false, reason: 'AGENTLAB_MODEL_CALL_FAILED: the endpoint answered 500 Internal Server Error after 3 attempts' }]
      : goldenCase.checks.map((check) => (check === failingCheck ? failedCheck(check, goldenCase, output) : passedCheck(check, goldenCase, modelCalls.length)));
  const inputTokens = modelCalls.reduce((sum, call) => sum + call.inputTokens, 0);
  const outputTokens = modelCalls.reduce((sum, call) => sum + call.outputTokens, 0);
  return {
    record: {
      runId: run.id,
      caseId: goldenCase.id,
      agent,
      model,
      epoch: 0,
      status,
      checks,
      output,
      agentStatus: status === 'error' ? 'error' : 'completed',
      ...(status === 'error' ? { error: { code: 'AGENTLAB_MODEL_CALL_FAILED', message: 'the endpoint answered 500 Internal Server Error after 3 attempts' } } : {}),
      toolsCalled: toolCalls.map((call) => call.tool),
      modelCalls: modelCalls.length,
      toolCalls: toolCalls.length,
      inputTokens,
      outputTokens,
      costUsd: modelCalls.reduce((sum, call) => sum + call.costUsd, 0),
      latencyMs,
      traceId: random.hex(16),
      seed: random.integer(0, 0x7fffffff),
      tags: goldenCase.tags,
      startedAt,
      finishedAt: Math.round(startedAt + latencyMs),
    },
    modelCalls,
    toolCalls,
  };
}

/** Run `runIndex` of `runCount`, started at `startedAt`; the dataset changes every quarter, counted back from the newest run. */
export function syntheticRun(runIndex: number, runCount: number, startedAt: number, random: RandomSource): SyntheticRun {
  const yearFraction = runCount > 1 ? runIndex / (runCount - 1) : 1;
  const run: RunRecord = {
    id: runId(startedAt, random),
    startedAt,
    status: 'running',
    gitCommit: random.hex(20),
    datasetPath,
    datasetHash: `${Math.floor((runCount - 1 - runIndex) / datasetDays)}`.padStart(64, 'a'),
    config: { agents: [...AGENTS], models: [...MODELS], epochs: 1, concurrency, seed: runIndex, caseTimeoutMs: 120_000 },
    plannedResults: CASES_PER_RUN * MODELS.length,
  };
  const results: SyntheticResult[] = [];
  // Results start as the run's `concurrency` workers free up: about latency / concurrency apart.
  let clock = startedAt;
  syntheticCases.forEach((goldenCase, caseIndex) => {
    const agent = AGENTS[caseIndex % AGENTS.length]!;
    for (const model of MODELS) {
      const result = syntheticResult(run, goldenCase, agent, model, Math.round(clock), yearFraction, random);
      results.push(result);
      clock += result.record.latencyMs / concurrency;
    }
  });
  return { run, finishedAt: Math.max(...results.map((result) => result.record.finishedAt)), results };
}
