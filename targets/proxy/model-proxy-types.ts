// The recording model proxy's contract: an OpenAI-compatible endpoint inside the agentlab process
// that a user's agent (module, command, HTTP server) talks to instead of the model. Each cell of
// the matrix gets a session: its own base URL and key, forwarded to the cell's real model with the
// real key (which the agent never sees), every exchange recorded as trajectory steps and spans.
import type { Context, Tracer } from '@opentelemetry/api';
import type { TokenUsage, ToolCallStep, TrajectoryStep } from '../../agents/index.js';
import type { CellTape, ModelHandle } from '../../models/index.js';
import type { SpanRecord } from '../../tracing/index.js';

export interface ProxySessionOptions {
  /** The cell's model: where requests go, with its real key, prices and provider name. */
  model: ModelHandle;
  /** Recorded as each step's `agent`. */
  agent: string;
  /** Sent as `seed` on chat requests that carry none, so a run on the simulator reproduces. */
  seed?: number;
  tracer?: Tracer;
  /** The case's root span: `chat` spans are made as its children. */
  parentContext?: Context;
  /** The case's trace id: spans posted to the OTLP receiver with it join this session. */
  traceId?: string;
  captureContent: boolean;
  /** Record or replay: the cell's tape, which answers from its cassette or records what the endpoint answers. */
  cassette?: CellTape;
}

export interface ProxyRecording {
  /** Model calls and tool calls in the order they happened; tool calls paired by `tool_call_id`. */
  steps: TrajectoryStep[];
  usage: TokenUsage;
  /** Forwarding failures (endpoint down, HTTP errors), each naming the URL tried. */
  endpointErrors: string[];
  /**
   * The calls' cost, each at the prices of the model it went to: only when the session served other
   * models besides the cell's (`serveModel`) and all of them have prices.
   */
  costUsd?: number;
}

export interface ProxySession {
  /** OpenAI-compatible base URL for this cell, ending in /v1. */
  readonly baseURL: string;
  /** A random token for this cell, refused once the session is closed. */
  readonly apiKey: string;
  /** The model id requests are forwarded with, whatever the agent asks for (unless it names a model from `serveModel`). */
  readonly model: string;
  /**
   * Serves chat requests that name `model.reference` with that model instead of the cell's (its
   * endpoint, key and prices), recorded in this session; returns the name to send as `model`.
   */
  serveModel(model: ModelHandle): string;
  /**
   * Adds tool steps recorded by other means (an agent's own `context.tool`, returned steps), merged
   * without duplicates; `traced` ones made spans of their own, so no `execute_tool` span is inferred for them.
   */
  addToolSteps(steps: readonly ToolCallStep[], options?: { traced?: boolean }): void;
  /** Waits for exchanges and OTLP posts in flight, refuses the key from then on, returns the trajectory. */
  close(): Promise<ProxyRecording>;
}

export interface ModelProxyOptions {
  /** Where spans posted to the OTLP receiver go (the store), whether or not a session claims them. */
  spanWriter?: { write(spans: SpanRecord[]): void | Promise<void> };
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (an ephemeral port) by default. */
  port?: number;
  /** Epoch milliseconds for steps' `startedAt` and latencies; a fractional clock (performance.now) by default. */
  now?: () => number;
  /** How long a session's `close()` waits for exchanges in flight before aborting them; 5 s by default. */
  closeGraceMs?: number;
  /** Largest request body accepted from an agent; 32 MiB by default. */
  bodyLimitBytes?: number;
}

export interface ModelProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** For OTEL_EXPORTER_OTLP_ENDPOINT: the SDKs append /v1/traces. */
  readonly otlpEndpoint: string;
  openSession(options: ProxySessionOptions): ProxySession;
  close(): Promise<void>;
}
