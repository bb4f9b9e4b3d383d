// runContentPiece: one curriculum topic through the supervisor and its four workers to a lesson package,
// as one agent run (runAgent), so it is traced like every agent: the piece's `invoke_agent content`
// span holds the supervisor's chat spans, each worker's `invoke_agent` span with its own model, the
// direct messages and the events between stages.
import type { Tracer } from '@opentelemetry/api';
import { costUsd, type ModelProvider, type TokenPrices } from '../models/index.js';
import { createSandbox, EventBus, Mailbox, messagingOptionsOf, runAgent, type AgentFunction, type AgentRun, type ProgressSink, type Tool, type ToolRegistry } from '../agents/index.js';
import { contentWorkers, type ContentStage, type ContentWorker } from './constants.js';
import type { ContentResult, StageOutputs, WorkerAccount } from './content-result.js';
import { contentSettings, type ContentSettings } from './content-settings.js';
import type { PieceContext, WorkerModel } from './piece-context.js';
import { runPiece, type PieceHooks, type PieceState } from './piece-flow.js';
import { checkPieceId, pieceIdOf, readTopic, type PieceTopic } from './piece-topic.js';
import { workerRegistries } from './worker-tools.js';

export interface ContentPieceOptions {
  /** Opens each worker's and the supervisor's model reference. */
  provider: ModelProvider;
  /** contentSettings() (the defaults) when absent. */
  settings?: ContentSettings;
  /** A slug of the topic when absent; a queue passes its job's id. */
  pieceId?: string;
  /** Where a confident piece is published; the settings' outputDirectory otherwise; without one a confident piece is `ready`. */
  outputDirectory?: string;
  /** Stage outputs already done (a queue's checkpoints): those stages are not run again. */
  completedStages?: StageOutputs;
  /** Called after each stage that passed its gate, with its output, before the next starts. */
  onStage?: (stage: ContentStage, output: NonNullable<StageOutputs[ContentStage]>) => void | Promise<void>;
  /** Lessons from corrections (recallContentLessons), put in every worker's system prompt. */
  lessons?: string[];
  corpusDirectory?: string;
  extraTools?: readonly Tool[];
  tracer?: Tracer;
  captureContent?: boolean;
  seed?: number;
  onEvent?: ProgressSink;
  signal?: AbortSignal;
  now?: () => number;
}

async function openModel(provider: ModelProvider, reference: string): Promise<WorkerModel> {
  const handle = await provider.open(reference);
  return { ...handle, reference };
}

function account(model: WorkerModel, steps: AgentRun['steps'], agent: string): WorkerAccount {
  const usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let modelCalls = 0;
  let toolCalls = 0;
  for (const step of steps) {
    if (step.agent !== agent) continue;
    if (step.type === 'tool_call') {
      toolCalls++;
      continue;
    }
    modelCalls++;
    usage.inputTokens += step.inputTokens;
    usage.outputTokens += step.outputTokens;
    usage.totalTokens += step.inputTokens + step.outputTokens;
  }
  const prices: TokenPrices | undefined = model.prices;
  return { model: model.reference, modelCalls, toolCalls, usage, ...(prices ? { costUsd: costUsd(usage, prices) } : {}) };
}

export async function runContentPiece(topic: string, options: ContentPieceOptions): Promise<ContentResult> {
  const read = readTopic(topic);
  const settings = options.settings ?? contentSettings();
  const pieceId = checkPieceId(options.pieceId ?? pieceIdOf(read.topic));
  const outputDirectory = options.outputDirectory ?? settings.outputDirectory;
  const models = { supervisor: await openModel(options.provider, settings.supervisor.model) } as Record<ContentWorker | 'supervisor', WorkerModel>;
  for (const worker of contentWorkers) models[worker] = await openModel(options.provider, settings.workers[worker].model);
  const sandbox = await createSandbox();
  const state: PieceState = { stages: {}, stagesRun: [], stageLatencyMs: {}, events: [] };
  try {
    const registries = workerRegistries(settings, { sandbox, ...(options.corpusDirectory ? { corpusDirectory: options.corpusDirectory } : {}), ...(options.extraTools ? { extraTools: options.extraTools } : {}) });
    const hooks: PieceHooks = { ...(options.completedStages ? { completedStages: options.completedStages } : {}), ...(options.onStage ? { onStage: options.onStage } : {}), ...(outputDirectory ? { outputDirectory } : {}) };
    const run = await runAgent('content', pieceAgent({ read, pieceId, settings, models, registries, lessons: options.lessons ?? [] }, hooks, state), read.topic, {
      model: models.supervisor,
      tools: registries.researcher,
      // The piece's own budget is enforced by the pipeline; the run's limits only keep it.
      limits: { maxSteps: settings.budget.maxSteps, maxTokens: settings.budget.maxTokens },
      traceAttributes: { 'agentlab.content.piece_id': pieceId },
      ...(options.lessons ? { lessons: options.lessons } : {}),
      ...(options.tracer ? { tracer: options.tracer } : {}),
      ...(options.captureContent ? { captureContent: true } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return resultOf(pieceId, read.topic, settings, models, state, run);
  } finally {
    await sandbox.remove();
  }
}

export interface PieceSetup {
  read: PieceTopic;
  pieceId: string;
  settings: ContentSettings;
  models: Record<ContentWorker | 'supervisor', WorkerModel>;
  registries: Record<ContentWorker, ToolRegistry>;
  lessons: string[];
}

/** The piece as an agent function: run inside any AgentRun (runAgent's, or an eval cell's). */
export function pieceAgent(setup: PieceSetup, hooks: PieceHooks, state: PieceState): AgentFunction {
  return async (_goal, pieceRun) => {
    const messaging = messagingOptionsOf(pieceRun);
    const piece: PieceContext = { ...setup.read, pieceId: setup.pieceId, run: pieceRun, settings: setup.settings, models: setup.models, registries: setup.registries, mailbox: new Mailbox(messaging), bus: new EventBus(messaging), lessons: setup.lessons };
    await runPiece(piece, hooks, state);
    return answerOf(state.stages);
  };
}

/** The piece as an agent's answer: the package's summary and key facts. */
export function answerOf(stages: StageOutputs): string {
  const lesson = stages.format?.lesson;
  if (!lesson) return '';
  return `${lesson.summary}\n\nKey facts:\n${lesson.keyFacts.map((fact) => `- ${fact.fact} (${fact.sources.join(', ')})`).join('\n')}`;
}

/** Per worker and the supervisor: its model, calls, tokens and cost (at its model's prices); the total cost. */
export function workerAccounts(models: Record<ContentWorker | 'supervisor', WorkerModel>, steps: AgentRun['steps']): { workers: ContentResult['workers']; costUsd: number } {
  const workers: ContentResult['workers'] = {};
  let cost = 0;
  for (const name of ['supervisor', ...contentWorkers] as const) {
    workers[name] = account(models[name], steps, name);
    cost += workers[name]!.costUsd ?? 0;
  }
  return { workers, costUsd: cost };
}

export function resultOf(pieceId: string, topic: string, settings: ContentSettings, models: Record<ContentWorker | 'supervisor', WorkerModel>, state: PieceState, run: ContentResult['run']): ContentResult {
  const check = state.stages['fact-check'];
  let status = state.status;
  let reason = state.reason;
  if (status === undefined) {
    if (run.status !== 'completed') {
      status = 'failed';
      reason = run.error ? `${run.error.code}: ${run.error.message}` : run.status;
    } else if (check && check.confidence < settings.confidenceThreshold) {
      status = 'in_review';
      reason = `the fact-check's confidence ${check.confidence} is below ${settings.confidenceThreshold}`;
    } else {
      status = state.stages.publish ? 'published' : 'ready';
    }
  }
  const { workers, costUsd: cost } = workerAccounts(models, run.steps);
  return {
    pieceId,
    topic,
    status,
    ...(reason === undefined ? {} : { reason }),
    ...(state.stages.format ? { lesson: state.stages.format.lesson, html: state.stages.format.html } : {}),
    stages: state.stages,
    stagesRun: state.stagesRun,
    ...(check ? { confidence: check.confidence, claims: check.claims } : {}),
    confidenceThreshold: settings.confidenceThreshold,
    workers,
    costUsd: cost,
    usage: run.usage,
    stageLatencyMs: state.stageLatencyMs,
    events: state.events,
    run,
  };
}
