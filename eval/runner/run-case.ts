// Runs one cell of the matrix: a fresh sandbox, the agent target on the case's goal with a derived
// seed and a timeout, then the scorers. Whatever goes wrong becomes an `error` result, never a thrown error.
import path from 'node:path';
import type { Tracer } from '@opentelemetry/api';
import { createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, type AgentResult, type Sandbox } from '../../agents/index.js';
import { costUsd, type ModelHandle } from '../../models/index.js';
import type { CaseResultRecord } from '../../store/index.js';
import type { AgentTarget } from '../../targets/index.js';
import { AgentlabAttribute } from '../../tracing/index.js';
import { scoreCase } from '../scorers/index.js';
import { deriveCaseSeed } from './case-seed.js';
import type { MatrixCell } from './matrix.js';

export interface CaseRunContext {
  runId: string;
  /** The cell's agent, opened. */
  target: AgentTarget;
  runSeed: number;
  model: ModelHandle;
  datasetDirectory: string;
  caseTimeoutMs: number;
  /** Stops the whole eval; a case cut short by it is not recorded, so --resume runs it again. */
  stopSignal: AbortSignal;
  tracer?: Tracer;
  captureContent?: boolean;
  now: () => number;
}

function crashed(message: string): AgentResult {
  return { output: '', status: 'error', steps: [], usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, error: { code: 'agent_crashed', message } };
}

export async function runCase(cell: MatrixCell, context: CaseRunContext): Promise<CaseResultRecord> {
  const { goldenCase, agent, epoch } = cell;
  const seed = deriveCaseSeed(context.runSeed, goldenCase.id, epoch);
  // One controller per case, tied to the eval's stop and the case's timeout, and untied afterwards so
  // that a long eval does not pile listeners onto the stop signal.
  const controller = new AbortController();
  let timedOut = false;
  const stop = () => controller.abort();
  context.stopSignal.addEventListener('abort', stop, { once: true });
  const timeoutMs = context.target.timeoutMs ?? context.caseTimeoutMs;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const startedAt = context.now();
  let sandbox: Sandbox | undefined;
  let result: AgentResult;
  try {
    sandbox = await createSandbox({ fixtures: goldenCase.fixtures ? path.resolve(context.datasetDirectory, goldenCase.fixtures) : DEFAULT_SANDBOX_FIXTURES_DIRECTORY, lazy: true });
    result = await context.target.run({
      case: { caseId: goldenCase.id, goal: goldenCase.goal, epoch, seed, ...(goldenCase.allow ? { allow: goldenCase.allow } : {}) },
      model: context.model,
      signal: controller.signal,
      sandbox,
      ...(context.tracer ? { tracer: context.tracer } : {}),
      captureContent: context.captureContent === true,
      traceAttributes: { [AgentlabAttribute.runId]: context.runId, [AgentlabAttribute.caseId]: goldenCase.id, [AgentlabAttribute.epoch]: epoch },
    });
    if (timedOut && result.error?.code === 'aborted') {
      result = { ...result, error: { code: 'case_timeout', message: `the case did not finish within ${timeoutMs} ms` } };
    }
  } catch (error) {
    result = crashed(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    context.stopSignal.removeEventListener('abort', stop);
    await sandbox?.remove().catch(() => undefined);
  }
  const finishedAt = context.now();
  const latencyMs = finishedAt - startedAt;
  const cost = context.model.prices ? costUsd(result.usage, context.model.prices) : undefined;
  const score = scoreCase(goldenCase, result, { costUsd: cost, latencyMs });
  return {
    runId: context.runId,
    caseId: goldenCase.id,
    agent,
    model: context.model.reference,
    epoch,
    status: score.status,
    checks: score.checks,
    output: result.output,
    agentStatus: result.status,
    ...(result.error ? { error: result.error } : {}),
    toolsCalled: score.toolsCalled,
    modelCalls: result.steps.filter((step) => step.type === 'model_call').length,
    toolCalls: result.steps.filter((step) => step.type === 'tool_call').length,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    ...(cost === undefined ? {} : { costUsd: cost }),
    latencyMs,
    ...(result.traceId ? { traceId: result.traceId } : {}),
    seed,
    tags: goldenCase.tags,
    startedAt,
    finishedAt,
  };
}
