// Defaults of models/: behaviour-altering values live here and nowhere else.
import type { LatencyMode } from './sim/index.js';

/** Config file looked for in the working directory when none is named. */
export const DEFAULT_CONFIG_FILE_NAME = 'agentlab.config.yaml';

/** Per-request timeout of the openai client, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The openai client does not retry: agents retry themselves so that they can record each attempt. */
export const DEFAULT_MAX_RETRIES = 0;

/** Simulator latency when none is asked for: behave like a real endpoint. */
export const DEFAULT_SIM_LATENCY: LatencyMode = 'realistic';

/** The in-process simulator only ever listens on loopback, on a port the system picks. */
export const SIM_HOST = '127.0.0.1';
export const SIM_PORT = 0;

/** The simulator ignores the key, but the openai client insists on one. */
export const SIM_API_KEY = 'sim';

/** Sent to custom endpoints that declare no `apiKeyEnv` (Ollama and friends accept anything). */
export const PLACEHOLDER_API_KEY = 'agentlab-no-key';

/** Reference prefixes: `sim:<profile>` and `openai:<model>`. */
export const SIM_PREFIX = 'sim:';
export const OPENAI_PREFIX = 'openai:';

/** `gen_ai.provider.name` values. */
export const SIM_PROVIDER_NAME = 'agentlab.sim';
export const OPENAI_PROVIDER_NAME = 'openai';

/** Environment variables read for `openai:` references. */
export const OPENAI_API_KEY_VARIABLE = 'OPENAI_API_KEY';
export const OPENAI_BASE_URL_VARIABLE = 'OPENAI_BASE_URL';
export const OPENAI_ORGANIZATION_VARIABLE = 'OPENAI_ORG_ID';
export const OPENAI_PROJECT_VARIABLE = 'OPENAI_PROJECT_ID';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
