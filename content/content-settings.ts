// The pipeline's settings: the config's `content:` section over the defaults in constants.ts.
import type { AgentlabConfig, ContentConfig } from '../models/index.js';
import {
  contentWorkers,
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_FORMAT_ATTEMPTS,
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MIN_FACTS,
  DEFAULT_MIN_SUPPORTED_SHARE,
  DEFAULT_STAGE_ATTEMPTS,
  DEFAULT_SUPERVISOR_MODEL,
  DEFAULT_WORKER_MODELS,
  DEFAULT_WORKER_TOOLS,
  type ContentWorker,
} from './constants.js';

export interface ContentSettings {
  supervisor: { model: string };
  workers: Record<ContentWorker, { model: string; tools: string[] }>;
  confidenceThreshold: number;
  budget: { maxSteps: number; maxTokens: number; stageAttempts: number; formatAttempts: number };
  gates: { minFacts: number; minSupportedShare: number };
  outputDirectory?: string;
}

export function contentSettings(config: ContentConfig | AgentlabConfig | undefined = undefined): ContentSettings {
  const content: ContentConfig = (config && 'models' in config ? config.content : config) ?? {};
  const workers = Object.fromEntries(
    contentWorkers.map((worker) => [worker, { model: content.workers?.[worker]?.model ?? DEFAULT_WORKER_MODELS[worker], tools: content.workers?.[worker]?.tools ?? DEFAULT_WORKER_TOOLS[worker] }]),
  ) as ContentSettings['workers'];
  return {
    supervisor: { model: content.supervisor?.model ?? DEFAULT_SUPERVISOR_MODEL },
    workers,
    confidenceThreshold: content.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD,
    budget: {
      maxSteps: content.budget?.maxSteps ?? DEFAULT_MAX_STEPS,
      maxTokens: content.budget?.maxTokens ?? DEFAULT_MAX_TOKENS,
      stageAttempts: content.budget?.stageAttempts ?? DEFAULT_STAGE_ATTEMPTS,
      formatAttempts: content.budget?.formatAttempts ?? DEFAULT_FORMAT_ATTEMPTS,
    },
    gates: { minFacts: content.gates?.minFacts ?? DEFAULT_MIN_FACTS, minSupportedShare: content.gates?.minSupportedShare ?? DEFAULT_MIN_SUPPORTED_SHARE },
    ...(content.outputDirectory === undefined ? {} : { outputDirectory: content.outputDirectory }),
  };
}

/** Every worker on one model (how the built-in `content` agent runs in an eval cell). */
export function withOneModel(settings: ContentSettings, model: string): ContentSettings {
  const workers = Object.fromEntries(contentWorkers.map((worker) => [worker, { ...settings.workers[worker], model }])) as ContentSettings['workers'];
  return { ...settings, supervisor: { model }, workers };
}
