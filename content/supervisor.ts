// The supervisor: a cheap routing model decides, as structured output, which worker acts next, seeing
// the piece's state (what each worker reported, which gates failed). The pipeline holds it to the stage
// order (a decision out of order is overruled and counted) and enforces the budgets and quality gates:
// a failed gate sends the piece back to a stage while the stage has attempts left, and fails it after.
// Hand-overs within a stage are direct messages (task, report); between stages events are published
// (content_researched, content_written, content_reviewed, whose handler formats and publishes).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { callStructured, RunStop } from '../agents/index.js';
import { contentWorkers, DEFAULT_SUPERVISOR_ROUNDS, schemaNames, workerOfStage, type ContentStage, type ContentWorker } from './constants.js';
import type { StageOutputs } from './content-result.js';
import type { PieceContext } from './piece-context.js';
import { supervisorGoal, supervisorPrompt } from './prompts.js';
import { checkBudget } from './worker-run.js';

export const contentDecisionSchema = z.object({
  action: z.enum(['delegate', 'finish']),
  worker: z.enum(contentWorkers).nullable(),
  task: z.string(),
  reason: z.string(),
});

type WorkStage = Exclude<ContentStage, 'publish'>;
const workStages: WorkStage[] = ['research', 'write', 'fact-check', 'format'];

/** What the pipeline does for the supervisor: run a stage (true when its gate passed) and finish. */
export interface StageRunner {
  run(stage: WorkStage, attempt: number): Promise<{ passed: boolean; report: string; note?: string; sendBackTo?: WorkStage }>;
}

export interface SupervisedPiece {
  stages: StageOutputs;
  /** Gate failures the supervisor is shown: the latest per stage. */
  notes: Map<WorkStage, string>;
  attempts: Map<WorkStage, number>;
  reports: Map<WorkStage, string>;
}

function supervisorMessages(piece: PieceContext, state: SupervisedPiece): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: supervisorPrompt },
    { role: 'user', content: supervisorGoal(piece.topic) },
  ];
  for (const stage of workStages) {
    const report = state.reports.get(stage);
    if (report !== undefined) messages.push({ role: 'user', content: `${workerOfStage[stage]} reported: ${report}` });
    const note = state.notes.get(stage);
    if (note !== undefined) messages.push({ role: 'user', content: `Quality gate failed: ${note}` });
  }
  return messages;
}

function nextRequired(state: SupervisedPiece): WorkStage | undefined {
  return workStages.find((stage) => state.reports.get(stage) === undefined);
}

export async function supervise(piece: PieceContext, state: SupervisedPiece, runner: StageRunner): Promise<void> {
  const { run, settings } = piece;
  for (let round = 1; round <= DEFAULT_SUPERVISOR_ROUNDS; round++) {
    checkBudget(piece);
    const decision = await callStructured(run, 'supervisor', schemaNames.decision, contentDecisionSchema, supervisorMessages(piece, state));
    const required = nextRequired(state);
    if (required === undefined) {
      if (decision.action !== 'finish') run.count('supervisor_overruled');
      return;
    }
    const worker: ContentWorker = workerOfStage[required];
    if (decision.action !== 'delegate' || decision.worker !== worker) {
      // Counted, not obeyed: the stage order and the gates are the pipeline's, not the router's.
      run.count('supervisor_overruled');
    }
    const attempt = state.attempts.get(required) ?? 0;
    const limit = required === 'format' ? 1 : settings.budget.stageAttempts;
    if (attempt >= limit) {
      throw new RunStop('max_steps', 'max_steps', `quality gate not met: ${state.notes.get(required) ?? `the ${required} stage`} (${attempt} attempt(s), the budget)`);
    }
    state.attempts.set(required, attempt + 1);
    const delegation = piece.mailbox.send({ sender: 'supervisor', recipient: worker, content: decision.task.trim() || supervisorGoal(piece.topic), metadata: { round, stage: required, attempt } });
    const outcome = await runner.run(required, attempt);
    piece.mailbox.send({ sender: worker, recipient: 'supervisor', content: outcome.report, metadata: { round, stage: required, passed: outcome.passed }, cause: { kind: 'message', id: delegation.id } });
    if (outcome.passed) {
      state.notes.delete(required);
      state.reports.set(required, outcome.report);
      continue;
    }
    run.count('gate_failed');
    const back = outcome.sendBackTo ?? required;
    state.notes.set(back, outcome.note ?? `the ${required} stage did not pass`);
    // Sending back invalidates the stages from there on: they are done again.
    for (const stage of workStages.slice(workStages.indexOf(back))) {
      state.reports.delete(stage);
    }
  }
  throw new RunStop('max_steps', 'max_steps', `the supervisor did not finish within ${DEFAULT_SUPERVISOR_ROUNDS} rounds`);
}

