// What an exchange (one request from the agent, forwarded and recorded) needs from its session,
// as an interface so the exchanges do not depend on the session's class.
import type { TrajectoryStep } from '../../agents/index.js';
import type { ModelHandle } from '../../models/index.js';
import type { ProxySessionOptions } from './model-proxy-types.js';
import type { ModelRoute } from './model-route.js';
import type { ProxyError } from './proxy-error.js';
import type { UpstreamSender } from './taped-upstream.js';
import type { ToolCallPairing } from './tool-call-pairing.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

export interface ExchangeHost {
  readonly options: ProxySessionOptions;
  readonly endpoint: UpstreamEndpoint;
  /** Where requests are sent: the proxy's pooled connections, or the cell's tape in front of them. */
  readonly upstream: UpstreamSender;
  readonly pairing: ToolCallPairing;
  readonly bodyLimitBytes: number;
  /** Epoch milliseconds, fractional. */
  now(): number;
  /** The route of a chat request naming `requested`: a model the session serves by that name, else the cell's. */
  route(requested: unknown): ModelRoute;
  /** `model`: the model a model_call step went to, for its price. */
  record(step: TrajectoryStep, model?: ModelHandle): void;
  recordEndpointError(message: string): void;
  /**
   * Recording work kept off the path between the endpoint's answer and the agent: it runs while
   * the session's next request waits on the endpoint (`runDeferred`), or when the session closes.
   */
  defer(work: () => void): void;
  runDeferred(): void;
}

/** An exchange in flight, as its session tracks it: something to wait for and a way to stop it. */
export interface Exchange {
  run(): Promise<void>;
  abort(reason: ProxyError): void;
}
