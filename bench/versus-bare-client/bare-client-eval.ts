// One measured run of the bare openai client loop (bare-client-loop.mjs) as its own process: the
// same cases, the same request the eval sends, the same concurrency, every answer checked.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasuredProcess } from '../processes/index.js';
import { EVAL_TIMEOUT_MS, SIM_API_KEY } from '../versus-promptfoo/constants.js';
import { requireExitZero, type EvalSample } from '../versus-promptfoo/index.js';
import type { ReplyCase } from '../workloads/index.js';
import type { CapturedEvalRequest } from './captured-eval-request.js';

const loopScript = fileURLToPath(new URL('./bare-client-loop.mjs', import.meta.url));

export interface BareClientPlan {
  /** The plan file the loop reads; written once, read by every run. */
  planPath: string;
  cases: readonly ReplyCase[];
}

/** Writes the plan for one concurrency: where to send, what to send, and the answers to expect. */
export async function writeBareClientPlan(
  directory: string,
  options: { simBaseURL: string; concurrency: number; template: CapturedEvalRequest; cases: readonly ReplyCase[] },
): Promise<BareClientPlan> {
  const planPath = path.join(directory, `bare-client-plan-${options.concurrency}.json`);
  const plan = {
    baseURL: options.simBaseURL,
    apiKey: SIM_API_KEY,
    concurrency: options.concurrency,
    template: options.template,
    cases: options.cases.map(({ goal, expected }) => ({ goal, expected })),
  };
  await writeFile(planPath, JSON.stringify(plan));
  return { planPath, cases: options.cases };
}

export async function runBareClientLoop(plan: BareClientPlan): Promise<EvalSample> {
  const measurement = await runMeasuredProcess(process.execPath, [loopScript, plan.planPath], { timeoutMs: EVAL_TIMEOUT_MS });
  requireExitZero('bare client loop', measurement);
  const { answered } = JSON.parse(measurement.stdout) as { answered: number };
  if (answered !== plan.cases.length) throw new Error(`bare client loop: ${answered} of ${plan.cases.length} cases answered`);
  return { wallMs: measurement.wallMs, peakRssBytes: measurement.peakRssBytes, cpuMs: measurement.cpuMs };
}
