// Public surface of models/: references, config file, prices, the client factory, and the simulator.
export {
  AgentlabError,
  ApiKeyMissingError,
  BaseUrlInvalidError,
  ConfigFileError,
  ConfigFileNotFoundError,
  ModelReferenceError,
} from './errors.js';
export type { ConfigIssue } from './config-issue.js';
export { formatConfigIssue } from './config-issue.js';
export { agentDefinitionSchema, agentlabConfigSchema, contentConfigSchema, modelDefinitionSchema, tokenPricesSchema, emptyConfig } from './config-schema.js';
export type { ApprovalsConfig, AgentDefinition, AgentlabConfig, ConfidenceConfig, ContentConfig, ModelDefinition, RateLimitsConfig, WorkingMemoryConfig, WorkingMemorySettingsInput } from './config-schema.js';
export { loadConfigFile } from './config-file.js';
export type { LoadConfigOptions, LoadedConfig } from './config-file.js';
export { parseModelReference, describeAcceptedReferences } from './model-reference.js';
export type { ModelReference } from './model-reference.js';
export { openAiPrices } from './openai-prices.js';
export { PriceTable, costUsd } from './price-table.js';
export type { TokenUsage } from './price-table.js';
export { listKnownModels } from './model-catalogue.js';
export type { CatalogueEntry } from './model-catalogue.js';
export { ModelProvider } from './client-factory.js';
export { ProxyFailedError, createModelTransport, proxyFor, readProxySettings } from './transport/index.js';
export type { ModelTransport, ModelTransportOptions, ProxyChoice, ProxySettings } from './transport/index.js';
export type { ModelHandle, ModelProviderOptions } from './client-factory.js';
export {
  DEFAULT_CONFIG_FILE_NAME,
  DEFAULT_MAX_RETRIES,
  DEFAULT_SIM_LATENCY,
  DEFAULT_TIMEOUT_MS,
  OPENAI_PREFIX,
  OPENAI_PROVIDER_NAME,
  SIM_PREFIX,
  SIM_PROVIDER_NAME,
} from './constants.js';
// The simulator's server modules load only when one is started (`buildSimApp` is in ./sim/index.js).
export { startSimServer } from './start-sim-server.js';
export { isFailedToolResult } from './failed-tool-result.js';
export { loadPromptTokenCounter } from './prompt-tokens.js';
export type { CountableMessage, CountableRequest, PromptTokenCounter } from './prompt-tokens.js';
export { builtInProfiles } from './sim/profiles.js';
export { RateLimiter, RateLimitedOpenAI, RATE_LIMIT_RETRIES, isLimitRefusal, readRateLimitHeaders, estimateRequestTokens, usageOf } from './rate-limit/index.js';
export type { CallOutcome, HeaderLookup, RateLimitHeaders, RateLimitPermit, RateLimits, RateLimiterStats, RateLimiterUsage, RequestEstimate } from './rate-limit/index.js';
export { parseLatencyMode } from './sim/latency.js';
export { RETRY_COUNT_HEADER } from './sim/request-attempt.js';
export type { SimServerOptions, RunningSimServer, SimProfile, BehaviourRates, TransportRates, LatencyModel, LatencyMode, TokenPrices } from './sim/index.js';
export {
  CassetteDeck,
  CassetteError,
  CassetteLineError,
  CellTape,
  MISS_ERROR_CODE,
  MISS_STATUS,
  ResponseCapture,
  cellFileName,
  failedResponse,
  missAnswerBody,
  missAnswerHeaders,
  openCassetteDeck,
  replayedChunks,
  replayedHeaders,
  secretValues,
} from './cassettes/index.js';
export type { CassetteDeckOptions, CassetteErrorCode, CassetteMode, CassetteSummary, CellIdentity, RecordedEval, RecordedResponse, ReplayMissing, TapeTurn } from './cassettes/index.js';
