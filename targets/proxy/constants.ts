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

/**
 * How long a connection to a model endpoint stays open unused, unless the endpoint's Keep-Alive
 * header says less: an agent's next call usually comes within it, and a fresh connection to a
 * remote endpoint costs a TCP and TLS handshake. An endpoint that closes sooner without saying so
 * is handled by the one retry of a request sent on an idle connection.
 */
export const upstreamKeepAliveTimeoutMs = 30_000;

/** undici's headers and body timeouts for the endpoint, 0 for none: the agent's client decides how long a call may take. */
export const upstreamResponseTimeoutMs = 0;

/** Attribute on `execute_tool` spans the proxy infers from the conversation, so a reader can tell them from the agent's own. */
export const toolSpanSourceAttribute = 'agentlab.tool.source';
export const toolSpanSourceValue = 'model_proxy';

/** The tracer name of the proxy's spans. */
export const tracerName = 'agentlab';
