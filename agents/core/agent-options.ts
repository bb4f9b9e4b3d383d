// What a run is given: the model, the tools, limits, permissions, a cancel signal and a progress sink.
import type { Tracer } from '@opentelemetry/api';
import type OpenAI from 'openai';
import type { TokenPrices } from '../../models/index.js';
import type { WorkingMemorySettings } from '../memory/working-memory.js';
import type { Permission, ToolApprovalSetting, ToolRegistry } from '../tools/index.js';
import type { RunApprovalGate } from './approval-gate.js';
import type { ProgressSink } from './progress-event.js';
import type { RunJournal } from './run-journal.js';

/** The model as agents see it; the model factory's handle fits this shape. */
export interface AgentModel {
  client: OpenAI;
  /** The id sent to the endpoint. */
  model: string;
  /** gen_ai.provider.name: openai, agentlab.sim, ollama… */
  provider: string;
  /** server.address and server.port of the endpoint, for traces. */
  serverAddress?: string;
  serverPort?: number;
  /** USD per million tokens, for the cost on each model-call span. */
  prices?: TokenPrices;
  /** Tokens per request the model accepts; without it working memory has nothing to measure against and never compresses. */
  contextWindow?: number;
}

export interface AgentLimits {
  /** Model calls in the whole run, workers included. */
  maxSteps: number;
  /** Input + output tokens in the whole run. */
  maxTokens: number;
  modelTimeoutMs: number;
  /** Tries per model call, the first included. */
  modelTries: number;
}

export interface AgentOptions {
  model: AgentModel;
  tools: ToolRegistry;
  /** Permission levels that run without asking; defaults to read and write. */
  allowed?: readonly Permission[];
  /** Per tool, over the levels (config `approvals.tools`): `required` always asks, `never` never does. */
  toolApprovals?: Readonly<Record<string, ToolApprovalSetting>>;
  /** Answers calls that need approval: approve, reject, or pause the run. Without it such calls are denied. */
  approvalGate?: RunApprovalGate;
  /** Replays a paused or interrupted run and records this one (agents/core/run-journal.ts); a fresh journal when absent. */
  journal?: RunJournal;
  /** A resumed run's root span becomes a child of this span (the first run's root), so that both are one trace. */
  traceParent?: { traceId: string; spanId: string };
  /** Told the run's trace and root span ids as the run starts, so that a resume can join the trace; awaited before the agent starts. */
  onRootSpan?: (ids: { traceId: string; spanId: string }) => void | Promise<void>;
  signal?: AbortSignal;
  limits?: Partial<AgentLimits>;
  /** Temperature for answers and drafts; routing and tool selection always use 0. */
  temperature?: number;
  /** Sent with every model call so that a run reproduces. */
  seed?: number;
  onEvent?: ProgressSink;
  /** Spans go here; without one the global tracer is used, a no-op unless tracing was set up. */
  tracer?: Tracer;
  /** Record message content, tool arguments and results on spans (opt-in: they may hold private data). */
  captureContent?: boolean;
  /**
   * When the conversation is compressed to fit the model's context window (agents/memory/working-memory.ts):
   * the defaults when absent (threshold 0.75, keep 2 recent exchanges), never with false.
   */
  workingMemory?: WorkingMemorySettings | false;
  /** Lessons from similar past tasks (agents/review/lessons.ts), added to the first system message of every model request. */
  lessons?: string[];
  /** Added to the run's root span, e.g. agentlab.run.id, agentlab.case.id, agentlab.epoch. */
  traceAttributes?: Record<string, string | number>;
  /** Injectable for tests. */
  now?: () => number;
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}
