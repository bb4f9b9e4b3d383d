// What `agentlab run` records with every agent run so that `--resume` can go on as the run began: the
// agent and goal, the model, permissions, limits, seed and temperature, compression, content capture,
// memory, the fixtures and the sandbox folder. zod checks what comes back from the store, so a run
// recorded by another version is refused with a reason rather than resumed half-configured.
import { z } from 'zod';
import { permissionSchema } from '../../agents/index.js';
import type { Permission } from '../../agents/index.js';
import type { LatencyMode } from '../../models/index.js';
import type { RunMemoryFlags } from './run-memory.js';

const latencySchema = z.union([z.enum(['zero', 'realistic', 'fast']), z.object({ fixedMs: z.number().nonnegative() })]);

export const runSettingsSchema = z.object({
  agent: z.string().min(1),
  goal: z.string().min(1),
  model: z.string().min(1),
  allow: z.array(permissionSchema),
  limits: z.object({ maxSteps: z.number().int().positive().optional(), maxTokens: z.number().int().positive().optional(), modelTimeoutMs: z.number().int().positive().optional() }),
  seed: z.number().int().optional(),
  temperature: z.number().optional(),
  compressAt: z.number().optional(),
  compress: z.boolean(),
  captureContent: z.boolean(),
  memory: z.object({ memory: z.boolean(), episodes: z.boolean(), memoryNamespace: z.string().optional(), embeddingModel: z.string().optional() }),
  latency: latencySchema,
  /** Absolute; absent when the default config file (if any) was used. */
  config: z.string().optional(),
  /** Absolute: the folder the sandbox was seeded from, absent for the default fixtures. */
  fixtures: z.string().optional(),
  /** Absolute: the run's sandbox, kept while the run can still be resumed. */
  sandbox: z.string().min(1),
  /** --confidence-threshold: rate the answer, and escalate it below this (cli/commands/run-confidence.ts). */
  confidenceThreshold: z.number().min(0).max(1).optional(),
  /** The lessons from similar past tasks it began with (run-lessons.ts), so a resume gives the same. */
  lessons: z.object({ namespace: z.string(), recalled: z.array(z.object({ episodeId: z.number(), text: z.string(), similarity: z.number() })) }).optional(),
});

export type RunSettings = z.output<typeof runSettingsSchema>;

/** The command line of a new run, as the settings need it. */
export interface RunSettingsInput extends RunMemoryFlags {
  model: string;
  allow: readonly Permission[];
  maxSteps?: number;
  maxTokens?: number;
  timeout?: number;
  seed?: number;
  temperature?: number;
  compressAt?: number;
  compress: boolean;
  captureContent: boolean;
  latency: LatencyMode;
  config?: string;
  fixtures?: string;
  confidenceThreshold?: number;
}

export function runSettings(agent: string, goal: string, input: RunSettingsInput, sandbox: string): RunSettings {
  return {
    agent,
    goal,
    model: input.model,
    allow: [...input.allow],
    limits: {
      ...(input.maxSteps === undefined ? {} : { maxSteps: input.maxSteps }),
      ...(input.maxTokens === undefined ? {} : { maxTokens: input.maxTokens }),
      ...(input.timeout === undefined ? {} : { modelTimeoutMs: input.timeout }),
    },
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
    ...(input.compressAt === undefined ? {} : { compressAt: input.compressAt }),
    compress: input.compress,
    captureContent: input.captureContent,
    memory: {
      memory: input.memory,
      episodes: input.episodes,
      ...(input.memoryNamespace === undefined ? {} : { memoryNamespace: input.memoryNamespace }),
      ...(input.embeddingModel === undefined ? {} : { embeddingModel: input.embeddingModel }),
    },
    latency: input.latency,
    ...(input.config === undefined ? {} : { config: input.config }),
    ...(input.fixtures === undefined ? {} : { fixtures: input.fixtures }),
    ...(input.confidenceThreshold === undefined ? {} : { confidenceThreshold: input.confidenceThreshold }),
    sandbox,
  };
}

/** The settings of a recorded run, or the reason they cannot be used. */
export function readRunSettings(recorded: Record<string, unknown>): { settings: RunSettings } | { problem: string } {
  const parsed = runSettingsSchema.safeParse(recorded);
  if (parsed.success) return { settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: `its recorded settings cannot be read (${issue.path.join('.') || 'settings'}: ${issue.message})` };
}
