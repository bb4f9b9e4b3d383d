// The content pipeline as an eval target with a choice of model per worker: `contentEvalAgent({ writer:
// 'sim:weak' })` is a module agent whose named workers (and supervisor) run on those models and the
// rest on the eval cell's. Every call still goes through the case's recording proxy (context.openModel
// has the proxy serve the other models on the same base URL), so the trajectory, tokens and cost are
// the case's, each call priced at its own model; the case's metadata carries the cost per worker.
import { trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { runAgent } from '../agents/index.js';
import { defineAgent, type AgentContext } from '../targets/index.js';
import { contentWorkers, type ContentWorker } from './constants.js';
import { createContentAgent } from './content-agent.js';
import { workerAccounts } from './content-pipeline.js';
import { contentSettings, type ContentSettings } from './content-settings.js';
import { withoutProxiedSpans } from './eval-span-filter.js';
import type { WorkerModel } from './piece-context.js';

/** Model references by worker (and `supervisor`); a worker not named runs on the cell's model. */
export type WorkerModelChoice = Partial<Record<ContentWorker | 'supervisor', string>>;

export function contentEvalAgent(choice: WorkerModelChoice = {}, settings: ContentSettings = contentSettings()) {
  return defineAgent(async (goal: string, context: AgentContext) => {
    // A client of this module's own `openai`, the one agentlab's retry logic recognises the errors of
    // (context.openai may come from another copy of the package), with the SDK's retries off as agents want.
    const client = new OpenAI({ baseURL: context.model.baseURL, apiKey: context.model.apiKey, maxRetries: 0 });
    const modelOf = async (reference: string | undefined): Promise<WorkerModel> => {
      const info = reference === undefined ? context.model : await context.openModel(reference);
      return { client, model: info.model, provider: 'agentlab.proxy', reference: info.reference, ...(info.prices ? { prices: info.prices } : {}) };
    };
    const models = { supervisor: await modelOf(choice.supervisor) } as Record<ContentWorker | 'supervisor', WorkerModel>;
    for (const worker of contentWorkers) models[worker] = await modelOf(choice[worker]);
    // The piece's run, the supervisor's, unpriced: its span's usage is every worker's too, on several models.
    const { supervisor, ...workers } = models;
    const { prices: _prices, ...pieceModel } = supervisor;
    // The piece's budget, as runContentPiece gives it, rather than an agent run's default (30 calls, 60,000 tokens).
    const limits = { maxSteps: settings.budget.maxSteps, maxTokens: settings.budget.maxTokens };
    const tracer = withoutProxiedSpans(trace.getTracer('agentlab'));
    const result = await runAgent('content', createContentAgent(settings, workers), goal, { model: pieceModel, tools: context.tools, limits, tracer, seed: context.seed, signal: context.signal });
    const accounts = workerAccounts(models, result.steps);
    const metadata = { status: result.status, ...(result.error ? { reason: result.error.message } : {}), workers: accounts.workers, costUsd: accounts.costUsd, ...(result.counters ?? {}) };
    // A piece the gates or the budget stopped is the pipeline's failure, scored as such (an empty answer
    // fails the case); anything else (an endpoint that kept failing) is an error of the case.
    if (result.status === 'max_steps' || result.status === 'budget_exceeded') return { output: '', metadata };
    if (result.status !== 'completed') throw new Error(result.error?.message ?? `the piece ended ${result.status}`);
    return { output: result.output, metadata };
  });
}
