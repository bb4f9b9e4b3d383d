// One cell's session: its base URL and key, the exchanges in flight, and what they recorded. Closing
// it refuses the key, lets the exchanges and OTLP posts in flight finish (aborting exchanges that
// outlast a grace period), and assembles the trajectory: model calls, tool calls paired from the
// conversation, tool spans the agent sent and tool steps added by other means, each call once.
import type { ServerResponse } from 'node:http';
import type { TokenUsage, ToolCallStep, TrajectoryStep } from '../../agents/index.js';
import { costUsd, type ModelHandle } from '../../models/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { matchToolSteps, mergeToolStep, mergeToolSteps, noResultErrorCode, spanToolSteps } from '../trajectory/index.js';
import type { Exchange, ExchangeHost } from './exchange-host.js';
import type { ProxyRecording, ProxySession, ProxySessionOptions } from './model-proxy-types.js';
import { modelRoute, type ModelRoute } from './model-route.js';
import { internalFailure, sendProxyError, sessionClosed } from './proxy-error.js';
import { emitToolSpan } from './tool-span.js';
import type { Upstream } from './forward-request.js';
import { TapedUpstream, type UpstreamSender } from './taped-upstream.js';
import { ToolCallPairing } from './tool-call-pairing.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

/** What a session needs from the proxy that opened it. */
export interface SessionHost {
  readonly upstream: Upstream;
  readonly bodyLimitBytes: number;
  readonly closeGraceMs: number;
  now(): number;
  /** The session no longer accepts requests. */
  sessionClosing(session: ModelProxySession): void;
  /** The session has its trajectory: spans with its trace id are no longer its. */
  sessionClosed(session: ModelProxySession): void;
  /** Resolves once the OTLP posts in flight now have been handled. */
  otlpSettled(): Promise<void>;
}

export interface SessionIdentity {
  cellId: string;
  baseURL: string;
  apiKey: string;
}

const bearerPrefix = 'bearer ';

/**
 * Whether `text` holds `key` from `offset` to its end (the lengths are checked by the caller), in
 * time that does not depend on where they differ, as crypto.timingSafeEqual compares, without the
 * two buffers it needs made on every call.
 */
function equalInConstantTime(text: string, offset: number, key: string): boolean {
  let difference = 0;
  for (let index = 0; index < key.length; index += 1) difference |= text.charCodeAt(offset + index) ^ key.charCodeAt(index);
  return difference === 0;
}

export class ModelProxySession implements ProxySession, ExchangeHost {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly model: string;
  readonly cellId: string;
  readonly options: ProxySessionOptions;
  readonly endpoint: UpstreamEndpoint;
  readonly pairing: ToolCallPairing;
  readonly #host: SessionHost;
  readonly #key: string;
  readonly #steps: TrajectoryStep[] = [];
  readonly #endpointErrors: string[] = [];
  readonly #spanSteps: ToolCallStep[] = [];
  readonly #addedSteps: ToolCallStep[] = [];
  readonly #tracedSteps: ToolCallStep[] = [];
  readonly #inFlight = new Map<Exchange, Promise<void>>();
  readonly #cellRoute: ModelRoute;
  /** Models served besides the cell's, by the name the agent sends; undefined until there is one. */
  #routes: Map<string, ModelRoute> | undefined;
  /** The model calls' cost, each at its own model's prices; undefined once a call's model has none. */
  #costUsd: number | undefined = 0;
  #deferred: Array<() => void> = [];
  #closing: Promise<ProxyRecording> | undefined;
  /** With record or replay, the cell's tape in front of the proxy's upstream. */
  readonly #taped: TapedUpstream | undefined;

  constructor(host: SessionHost, identity: SessionIdentity, options: ProxySessionOptions) {
    this.#host = host;
    this.cellId = identity.cellId;
    this.baseURL = identity.baseURL;
    this.apiKey = identity.apiKey;
    this.#key = identity.apiKey;
    this.options = options;
    this.model = options.model.model;
    this.#cellRoute = modelRoute(options.model);
    this.endpoint = this.#cellRoute.endpoint;
    this.pairing = new ToolCallPairing(options.agent);
    this.#taped = options.cassette ? new TapedUpstream(host.upstream, options.cassette) : undefined;
  }

  get upstream(): UpstreamSender {
    return this.#taped ?? this.#host.upstream;
  }

  get bodyLimitBytes(): number {
    return this.#host.bodyLimitBytes;
  }

  get traceId(): string | undefined {
    return this.options.traceId;
  }

  get isOpen(): boolean {
    return this.#closing === undefined;
  }

  now(): number {
    return this.#host.now();
  }

  /** True when `authorization` is `Bearer <this session's key>` and the session is open. */
  authorizes(authorization: string | undefined): boolean {
    if (this.#closing !== undefined || authorization === undefined || authorization.length !== bearerPrefix.length + this.#key.length) return false;
    if (authorization.slice(0, bearerPrefix.length).toLowerCase() !== bearerPrefix) return false;
    return equalInConstantTime(authorization, bearerPrefix.length, this.#key);
  }

  /** Runs an exchange, tracked until it has recorded what it saw. */
  start(exchange: Exchange, response: ServerResponse): void {
    const done = exchange.run().then(
      () => {
        this.#inFlight.delete(exchange);
      },
      (error: unknown) => {
        this.#inFlight.delete(exchange);
        sendProxyError(response, internalFailure(error));
      },
    );
    this.#inFlight.set(exchange, done);
  }

  /**
   * Serves requests that name `model.reference` with that model (its endpoint, key and prices),
   * recorded in this session like the cell's own calls; returns the model name to send.
   */
  serveModel(model: ModelHandle): string {
    if (model.reference === this.options.model.reference) return this.model;
    (this.#routes ??= new Map()).set(model.reference, modelRoute(model));
    return model.reference;
  }

  route(requested: unknown): ModelRoute {
    if (this.#routes === undefined || typeof requested !== 'string') return this.#cellRoute;
    return this.#routes.get(requested) ?? this.#cellRoute;
  }

  record(step: TrajectoryStep, model: ModelHandle = this.options.model): void {
    this.#steps.push(step);
    if (step.type !== 'model_call' || this.#costUsd === undefined) return;
    this.#costUsd = model.prices ? this.#costUsd + costUsd(step, model.prices) : undefined;
  }

  recordEndpointError(message: string): void {
    this.#endpointErrors.push(message);
  }

  defer(work: () => void): void {
    this.#deferred.push(work);
  }

  runDeferred(): void {
    if (this.#deferred.length === 0) return;
    const work = this.#deferred;
    this.#deferred = [];
    for (const item of work) {
      try {
        item();
      } catch (error) {
        this.#endpointErrors.push(`The model proxy failed to record a call: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Spans the agent posted with this session's trace id: their tool spans become tool steps. */
  receiveSpans(spans: readonly SpanRecord[]): void {
    this.#spanSteps.push(...spanToolSteps(spans, { agent: this.options.agent }));
  }

  addToolSteps(steps: readonly ToolCallStep[], options: { traced?: boolean } = {}): void {
    this.#addedSteps.push(...steps);
    // Steps that made spans of their own (context.tool) need no inferred span.
    if (options.traced) this.#tracedSteps.push(...steps);
  }

  close(): Promise<ProxyRecording> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<ProxyRecording> {
    this.#host.sessionClosing(this);
    await this.#exchangesSettled();
    await this.#host.otlpSettled();
    this.#host.sessionClosed(this);
    this.runDeferred();
    return this.#recording();
  }

  async #exchangesSettled(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#host.closeGraceMs)));
    await Promise.race([Promise.all(this.#inFlight.values()), graceOver]);
    clearTimeout(timer);
    const reason = sessionClosed(this.endpoint.baseURL);
    for (const exchange of this.#inFlight.keys()) exchange.abort(reason);
    await Promise.all(this.#inFlight.values());
  }

  #recording(): ProxyRecording {
    const own = [...this.#steps, ...this.pairing.unanswered()].sort((left, right) => left.startedAt - right.startedAt);
    this.#emitInferredToolSpans(own);
    const steps = mergeToolSteps(own, [...this.#spanSteps, ...this.#addedSteps]);
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    for (const step of steps) {
      if (step.type !== 'model_call') continue;
      usage.inputTokens += step.inputTokens;
      usage.outputTokens += step.outputTokens;
    }
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
    // Priced per call only when calls went to more than one model: otherwise the cell's prices apply to the usage.
    const priced = this.#routes !== undefined && this.#costUsd !== undefined ? { costUsd: this.#costUsd } : {};
    return { steps, usage, endpointErrors: [...this.#endpointErrors], ...priced };
  }

  /** `execute_tool` spans for the calls paired from the conversation that no span of the agent's reported. */
  #emitInferredToolSpans(own: readonly TrajectoryStep[]): void {
    const { tracer, parentContext, captureContent } = this.options;
    if (!tracer) return;
    const reportedBySpans = new Set(matchToolSteps(own, [...this.#spanSteps, ...this.#tracedSteps]));
    const added = matchToolSteps(own, this.#addedSteps);
    own.forEach((step, index) => {
      // Calls never answered have no interval to show.
      if (step.type !== 'tool_call' || step.errorCode === noResultErrorCode || reportedBySpans.has(index)) return;
      let known = step;
      added.forEach((match, addedIndex) => {
        if (match === index) known = mergeToolStep(known, this.#addedSteps[addedIndex]!);
      });
      emitToolSpan(tracer, parentContext, known, captureContent);
    });
  }
}
