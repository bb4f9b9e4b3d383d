// The pipeline as an agent: `contentAgent(goal, run)` has the AgentPattern shape (agents/patterns), so
// runAgent runs it like the built-in agents; the goal is the topic, the supervisor and every worker not
// given a model of its own are on the run's model (an eval cell compares models that way), the answer
// is the package's summary and key facts, and the trajectory is every worker's steps. A piece that does
// not pass ends the run with the stop it met.
import { createSandbox, RunStop, type AgentRun } from '../agents/index.js';
import { contentWorkers, type ContentWorker } from './constants.js';
import { contentSettings, type ContentSettings } from './content-settings.js';
import { pieceAgent } from './content-pipeline.js';
import type { WorkerModel } from './piece-context.js';
import type { PieceState } from './piece-flow.js';
import { pieceIdOf, readTopic } from './piece-topic.js';
import { workerRegistries } from './worker-tools.js';

/** `workerModels`: workers on a model of their own (an eval comparing worker-model choices); the others are on the run's. */
export function createContentAgent(settings: ContentSettings = contentSettings(), workerModels: Partial<Record<ContentWorker, WorkerModel>> = {}) {
  return async function contentAgent(goal: string, run: AgentRun): Promise<string> {
    const read = readTopic(goal);
    const model: WorkerModel = { ...run.options.model, reference: (run.options.model as Partial<WorkerModel>).reference ?? run.options.model.model };
    const models = Object.fromEntries(['supervisor', ...contentWorkers].map((name) => [name, model])) as Record<ContentWorker | 'supervisor', WorkerModel>;
    Object.assign(models, workerModels);
    const sandbox = await createSandbox();
    const state: PieceState = { stages: {}, stagesRun: [], stageLatencyMs: {}, events: [] };
    try {
      const registries = workerRegistries(settings, { sandbox });
      const answer = await pieceAgent({ read, pieceId: pieceIdOf(read.topic), settings, models, registries, lessons: run.options.lessons ?? [] }, {}, state)(goal, run);
      if (state.status === 'failed') throw new RunStop('max_steps', 'max_steps', state.reason ?? 'the piece failed');
      return answer;
    } finally {
      await sandbox.remove();
    }
  };
}

/** With the default settings: what `agentlab eval` runs through content/eval-agent.ts. */
export const contentAgent = createContentAgent();
