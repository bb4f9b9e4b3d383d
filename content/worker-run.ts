// A worker's turn at a stage: its own AgentRun (its model, its tools, the lessons) whose spans nest
// under the piece's run, since it runs inside the piece's active span. Its steps and tokens are then
// added to the piece's run, so the piece's trajectory holds every worker's steps and the piece's budget
// (model calls and tokens, supervisor included) counts them all.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { AgentRun, RunStop } from '../agents/index.js';
import type { ContentWorker } from './constants.js';
import type { PieceContext } from './piece-context.js';

function modelCallsOf(run: AgentRun): number {
  return run.steps.filter((step) => step.type === 'model_call').length;
}

/** What is left of the piece's budget. */
export function remainingBudget(piece: PieceContext): { steps: number; tokens: number } {
  return { steps: piece.settings.budget.maxSteps - modelCallsOf(piece.run), tokens: piece.settings.budget.maxTokens - piece.run.usage.totalTokens };
}

export function checkBudget(piece: PieceContext): void {
  const { steps, tokens } = remainingBudget(piece);
  if (steps <= 0) throw new RunStop('budget_exceeded', 'budget_exceeded', `the piece spent its budget of ${piece.settings.budget.maxSteps} model calls`);
  if (tokens <= 0) throw new RunStop('budget_exceeded', 'budget_exceeded', `the piece spent its budget of ${piece.settings.budget.maxTokens} tokens`);
}

export async function inWorkerRun<Value>(
  piece: PieceContext,
  worker: ContentWorker,
  task: string,
  work: (workerRun: AgentRun, tools: ChatCompletionFunctionTool[]) => Promise<Value>,
): Promise<Value> {
  checkBudget(piece);
  const { steps, tokens } = remainingBudget(piece);
  const { journal: _journal, traceParent: _traceParent, onRootSpan: _onRootSpan, traceAttributes: _traceAttributes, ...shared } = piece.run.options;
  const registry = piece.registries[worker];
  const workerRun = new AgentRun({
    ...shared,
    model: piece.models[worker],
    tools: registry,
    lessons: piece.lessons,
    limits: { ...piece.run.limits, maxSteps: steps, maxTokens: tokens },
  });
  try {
    const outcome = await workerRun.invokeAgent(worker, task, async () => ({ status: 'completed' as const, value: await work(workerRun, registry.definitions()) }));
    return outcome.value;
  } catch (error) {
    // The worker ran out of what was left of the piece's budget: the piece's budget is spent.
    if (error instanceof RunStop && (error.code === 'max_steps' || error.code === 'budget_exceeded')) {
      throw new RunStop('budget_exceeded', 'budget_exceeded', `the ${worker} spent the rest of the piece's budget: ${error.message}`);
    }
    throw error;
  } finally {
    piece.run.steps.push(...workerRun.steps);
    piece.run.usage.inputTokens += workerRun.usage.inputTokens;
    piece.run.usage.outputTokens += workerRun.usage.outputTokens;
    piece.run.usage.totalTokens += workerRun.usage.totalTokens;
  }
}

/** A search loop the repeated-call guard stopped has still found what it found: the stage goes on with it. */
export async function untilLoopStopped(workerRun: AgentRun, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof RunStop && error.code === 'loop_detected')) throw error;
    workerRun.count('search_loop_stopped');
  }
}
