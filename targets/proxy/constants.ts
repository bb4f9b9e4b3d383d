// The model proxy's defaults and fixed names, in one place.

/** Loopback only: the proxy holds real API keys and must not be reachable from elsewhere. */
export const defaultHost = '127.0.0.1';
/** An ephemeral port, so several evals (and tests) can each run one. */
export const defaultPort = 0;

/** Each session's routes live under `/cells/<cellId>/v1`. */
export const cellsPathPrefix = '/cells/';
export const apiVersionPath = '/v1';
/** Where OTLP/HTTP exporters post traces, relative to the proxy's URL. */
export const otlpTracesPath = '/v1/traces';

/** Session keys look like OpenAI keys, so tools that check the prefix accept them. */
export const apiKeyPrefix = 'sk-agentlab-';
/** Random bytes in a session key: 192 bits, base64url. */
export const apiKeyBytes = 24;

/** Largest request body accepted from an agent: long conversations are big, real endpoints accept more than 1 MiB. */
export const requestBodyLimitBytes = 32 * 1024 * 1024;

/** How long `close()` waits for exchanges still in flight before aborting them. */
export const defaultCloseGraceMs = 5_000;

/** Idle kept-alive connections from agents stay open this long; agents call again within moments. */
export const keepAliveTimeoutMs = 30_000;

/** Attribute on `execute_tool` spans the proxy infers from the conversation, so a reader can tell them from the agent's own. */
export const toolSpanSourceAttribute = 'agentlab.tool.source';
export const toolSpanSourceValue = 'model_proxy';

/** The tracer name of the proxy's spans. */
export const tracerName = 'agentlab';
