// Opens model references as `openai` clients; owns the in-process simulator that `sim:` references share.
import OpenAI from 'openai';
import { emptyConfig } from './config-schema.js';
import type { AgentlabConfig } from './config-schema.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_SIM_LATENCY,
  DEFAULT_TIMEOUT_MS,
  OPENAI_API_KEY_VARIABLE,
  OPENAI_BASE_URL_VARIABLE,
  OPENAI_DEFAULT_BASE_URL,
  OPENAI_ORGANIZATION_VARIABLE,
  OPENAI_PROJECT_VARIABLE,
  OPENAI_PROVIDER_NAME,
  PLACEHOLDER_API_KEY,
  SIM_API_KEY,
  SIM_HOST,
  SIM_PORT,
  SIM_PROVIDER_NAME,
} from './constants.js';
import { ApiKeyMissingError, BaseUrlInvalidError } from './errors.js';
import { parseModelReference } from './model-reference.js';
import { PriceTable } from './price-table.js';
import type { LatencyMode, RunningSimServer, TokenPrices } from './sim/index.js';
import { startSimServer } from './start-sim-server.js';
import type { CassetteDeck } from './cassettes/index.js';
import { createModelTransport, type ModelTransport } from './transport/index.js';
import { configuredRateLimits } from './rate-limit/configured-limits.js';
import { RateLimitedOpenAI, RateLimiters, type RateLimiter, type RateLimiterUsage } from './rate-limit/index.js';

export interface ModelProviderOptions {
  /** Custom models and extra prices, usually from loadConfigFile(). */
  config?: AgentlabConfig;
  /** Latency of the simulator behind `sim:` references; 'realistic' by default, 'zero' for tests. */
  latency?: LatencyMode;
  /** Per-request timeout of every client, in milliseconds. */
  timeoutMs?: number;
  /** Retries the openai client makes by itself; 0 by default so agents retry and record each attempt. */
  maxRetries?: number;
  /** Where API keys and OPENAI_BASE_URL are read; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Record or replay (models/cassettes): every client's calls inside an eval cell go on the cell's
   * tape. Replaying with no endpoint needed, no key is asked for and no simulator is started.
   */
  cassettes?: CassetteDeck;
}

/** An opened model: the client to call and what tracing and cost accounting need to know about it. */
export interface ModelHandle {
  /** The reference as given, e.g. `sim:strong`. */
  reference: string;
  /** `gen_ai.provider.name`: 'openai', 'agentlab.sim', or the config definition's provider. */
  provider: string;
  /** Model id to send in requests. */
  model: string;
  client: OpenAI;
  baseURL: string;
  /** `server.address` and `server.port` of the endpoint. */
  serverAddress: string;
  serverPort: number;
  /** USD per million tokens; absent when the price table does not know the model. */
  prices?: TokenPrices;
  /** Tokens per request (prompt + max_tokens); absent when unknown, and then working memory never compresses. */
  contextWindow?: number;
  /** The limiter every call to this model at this endpoint waits on (the client's and the model proxy's); absent without configured limits. */
  rateLimiter?: RateLimiter;
}

export class ModelProvider {
  readonly prices: PriceTable;
  readonly #config: AgentlabConfig;
  readonly #latency: LatencyMode;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  // One transport (its pools of kept-alive connections, its proxies) for every client this provider
  // opens; `transport.fetch` is what each openai client sends through.
  readonly transport: ModelTransport;
  readonly #env: Readonly<Record<string, string | undefined>>;
  /** One limiter per (endpoint, model) for every handle this provider opens. */
  readonly #rateLimiters = new RateLimiters();
  #simServer: Promise<RunningSimServer> | undefined;
  readonly #cassettes: CassetteDeck | undefined;

  constructor(options: ModelProviderOptions = {}) {
    this.#config = options.config ?? emptyConfig;
    this.#cassettes = options.cassettes;
    this.#latency = options.latency ?? DEFAULT_SIM_LATENCY;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#env = options.env ?? process.env;
    this.transport = createModelTransport({ env: this.#env });
    this.prices = new PriceTable(this.#config);
  }

  /** Opens a reference; throws ModelReferenceError, ApiKeyMissingError or BaseUrlInvalidError. */
  async open(reference: string): Promise<ModelHandle> {
    const parsed = parseModelReference(reference, this.#config);
    switch (parsed.kind) {
      case 'sim': {
        const server = await this.#startSimServer();
        // The simulator this provider started is on this machine: never through a proxy.
        this.transport.connectDirectly(server.baseURL);
        return this.#handle({
          reference: parsed.reference,
          provider: SIM_PROVIDER_NAME,
          model: parsed.profile,
          baseURL: server.baseURL,
          baseUrlSource: 'the simulator',
          apiKey: SIM_API_KEY,
        });
      }
      case 'openai': {
        const apiKey = this.#readVariable(OPENAI_API_KEY_VARIABLE) ?? this.#offlineKey();
        if (apiKey === undefined) throw new ApiKeyMissingError(parsed.reference, OPENAI_API_KEY_VARIABLE);
        return this.#handle({
          reference: parsed.reference,
          provider: OPENAI_PROVIDER_NAME,
          model: parsed.model,
          baseURL: this.#readVariable(OPENAI_BASE_URL_VARIABLE) ?? OPENAI_DEFAULT_BASE_URL,
          baseUrlSource: OPENAI_BASE_URL_VARIABLE,
          apiKey,
          organization: this.#readVariable(OPENAI_ORGANIZATION_VARIABLE),
          project: this.#readVariable(OPENAI_PROJECT_VARIABLE),
        });
      }
      case 'custom': {
        const { definition } = parsed;
        let apiKey = PLACEHOLDER_API_KEY;
        if (definition.apiKeyEnv !== undefined) {
          const value = this.#readVariable(definition.apiKeyEnv) ?? this.#offlineKey();
          if (value === undefined) throw new ApiKeyMissingError(parsed.reference, definition.apiKeyEnv);
          apiKey = value;
        }
        return this.#handle({
          reference: parsed.reference,
          provider: definition.provider ?? OPENAI_PROVIDER_NAME,
          model: definition.model,
          baseURL: definition.baseURL,
          baseUrlSource: `the baseURL of models.${parsed.name}`,
          apiKey,
        });
      }
    }
  }

  /** What each rate limiter of the handles opened so far did: calls sent, waits, 429s (empty when no model has limits). */
  rateLimitUsage(): RateLimiterUsage[] {
    return this.#rateLimiters.usage();
  }

  /** Stops the simulator if one was started. Handles opened before stay valid objects but cannot reach it. */
  async close(): Promise<void> {
    const starting = this.#simServer;
    this.#simServer = undefined;
    if (starting === undefined) return;
    const server = await starting.catch(() => undefined);
    await server?.close();
  }

  /** A replay that needs no endpoint needs no key either: a placeholder is sent nowhere. */
  #offlineKey(): string | undefined {
    return this.#cassettes?.offlineSimBaseURL === undefined ? undefined : PLACEHOLDER_API_KEY;
  }

  #startSimServer(): Promise<RunningSimServer> {
    // Replaying with no endpoint needed: nothing is started, and the base URL is never dialled.
    const offlineBaseURL = this.#cassettes?.offlineSimBaseURL;
    if (offlineBaseURL !== undefined) {
      const url = new URL(offlineBaseURL);
      return Promise.resolve({ baseURL: offlineBaseURL, host: url.hostname, port: Number(url.port), profiles: [], close: async () => undefined });
    }
    if (this.#simServer === undefined) {
      const starting = startSimServer({ host: SIM_HOST, port: SIM_PORT, latency: this.#latency });
      // A failed start is not cached, so the next open() tries again.
      starting.catch(() => {
        if (this.#simServer === starting) this.#simServer = undefined;
      });
      this.#simServer = starting;
    }
    return this.#simServer;
  }

  #readVariable(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  #handle(endpoint: EndpointSettings): ModelHandle {
    const { reference, provider, model, baseURL } = endpoint;
    const { serverAddress, serverPort } = parseEndpoint(endpoint);
    // Every option is explicit so the client never falls back to reading process.env itself.
    const clientOptions = {
      apiKey: endpoint.apiKey,
      baseURL,
      organization: endpoint.organization ?? null,
      project: endpoint.project ?? null,
      webhookSecret: null,
      timeout: this.#timeoutMs,
      maxRetries: this.#maxRetries,
      fetch: this.#cassettes ? this.#cassettes.fetchFor(baseURL, this.transport.fetch) : this.transport.fetch,
    };
    // Only a model with configured limits pays for a limiter.
    const rateLimiter = this.#rateLimiters.limiterFor(baseURL, model, configuredRateLimits(reference, this.#config));
    const client = rateLimiter ? new RateLimitedOpenAI(clientOptions, rateLimiter) : new OpenAI(clientOptions);
    const prices = this.prices.lookup(reference);
    const contextWindow = this.prices.contextWindow(reference);
    return { reference, provider, model, client, baseURL, serverAddress, serverPort, ...(prices ? { prices } : {}), ...(contextWindow === undefined ? {} : { contextWindow }), ...(rateLimiter ? { rateLimiter } : {}) };
  }
}

interface EndpointSettings {
  reference: string;
  provider: string;
  model: string;
  baseURL: string;
  /** Where the base URL came from, for the error message when it is not a URL. */
  baseUrlSource: string;
  apiKey: string;
  organization?: string | undefined;
  project?: string | undefined;
}

function parseEndpoint(endpoint: EndpointSettings): { serverAddress: string; serverPort: number } {
  let url: URL | undefined;
  try {
    url = new URL(endpoint.baseURL);
  } catch (error) {
    throw new BaseUrlInvalidError(endpoint.reference, endpoint.baseURL, endpoint.baseUrlSource, error);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BaseUrlInvalidError(endpoint.reference, endpoint.baseURL, endpoint.baseUrlSource);
  }
  const serverAddress = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const serverPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { serverAddress, serverPort };
}
