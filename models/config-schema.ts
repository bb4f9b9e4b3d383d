// The zod schema of agentlab.config.yaml: the single source of truth for its fields, types and messages.
import { z } from 'zod';

/** `required` when the field is absent, otherwise what was expected instead. */
function requiredOr(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'required field is missing' : expected);
}

/** For mappings: only the wrong-type message is ours; unknown fields are described by the config loader. */
function mappingExpected(expected: string) {
  return (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_type' ? requiredOr(expected)(issue) : undefined;
}

const priceSchema = z
  .number({ error: requiredOr('expected a number of USD per million tokens') })
  .nonnegative('expected a price of 0 or more');

export const tokenPricesSchema = z.strictObject(
  { input: priceSchema, output: priceSchema },
  { error: mappingExpected('expected { input: <USD per million>, output: <USD per million> }') },
);

/** Tokens a model accepts per request (prompt + max_tokens). */
const contextWindowSchema = z
  .number({ error: requiredOr('expected a number of tokens such as 8192') })
  .int('expected a whole number of tokens')
  .positive('expected a positive number of tokens');

// --- rate limits (models/rate-limit reads these) ---

/** An endpoint's limits as the client keeps to them: requests and tokens per minute, calls in flight. */
const rateLimitFields = {
  /** Requests per minute the endpoint allows (OpenAI's RPM). */
  rpm: z.number({ error: 'expected a number of requests per minute such as 500' }).positive('expected a positive number of requests per minute').optional(),
  /** Tokens (prompt + completion) per minute the endpoint allows (OpenAI's TPM). */
  tpm: z.number({ error: 'expected a number of tokens per minute such as 200000' }).positive('expected a positive number of tokens per minute').optional(),
  /** Calls in flight to the endpoint at once, over the whole run. */
  maxConcurrency: z
    .number({ error: 'expected a number of calls such as 8' })
    .int('expected a whole number of calls')
    .positive('expected a positive number of calls')
    .optional(),
};

export const rateLimitsSchema = z.strictObject(rateLimitFields, { error: mappingExpected('expected a mapping with rpm, tpm or maxConcurrency') });

export type RateLimitsConfig = z.output<typeof rateLimitsSchema>;

// --- end of rate limits ---

export const modelDefinitionSchema = z.strictObject(
  {
    /** OpenAI-compatible base URL of the endpoint, usually ending in /v1. */
    baseURL: z.url({
      protocol: /^https?$/,
      error: requiredOr('expected a URL such as http://localhost:11434/v1'),
    }),
    /** The model id sent to the endpoint. */
    model: z.string({ error: requiredOr('expected the model id to send, as a string') }).min(1, 'must not be empty'),
    /** Environment variable holding the API key; no key is sent when absent. */
    apiKeyEnv: z
      .string({ error: 'expected the name of an environment variable' })
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        'expected the name of an environment variable such as OLLAMA_API_KEY, not the key itself',
      )
      .optional(),
    /** `gen_ai.provider.name` recorded on spans; defaults to "openai". */
    provider: z.string({ error: 'expected a provider name such as ollama' }).min(1, 'must not be empty').optional(),
    prices: tokenPricesSchema.optional(),
    /** Tokens the endpoint accepts per request (prompt + max_tokens): what working memory compresses against. */
    contextWindow: contextWindowSchema.optional(),
    ...rateLimitFields,
  },
  { error: mappingExpected('expected a mapping with baseURL and model') },
);

// --- working memory (agents/memory/working-memory.ts reads these) ---

const workingMemorySettingsFields = {
  /** Compress when a request reaches this fraction of the model's context window. */
  threshold: z
    .number({ error: 'expected a fraction of the context window such as 0.75' })
    .gt(0, 'expected a fraction above 0')
    .max(1, 'expected a fraction of at most 1'),
  /** Exchanges (an assistant turn with its tool results) kept word for word after the goal. */
  keepRecent: z.number({ error: 'expected a number of exchanges' }).int('expected a whole number of exchanges').nonnegative('expected 0 or more exchanges'),
  /** false turns compression off. */
  enabled: z.boolean({ error: 'expected true or false' }),
};

export const workingMemorySettingsSchema = z
  .strictObject(workingMemorySettingsFields, { error: mappingExpected('expected a mapping with threshold, keepRecent or enabled') })
  .partial();

export const workingMemoryConfigSchema = z
  .strictObject(
    {
      ...workingMemorySettingsFields,
      /** Settings for one built-in agent (react, plan-execute, supervisor, pipeline), over the global ones. */
      agents: z.record(z.string(), workingMemorySettingsSchema, { error: mappingExpected('expected a mapping of agent names to settings') }),
    },
    { error: mappingExpected('expected a mapping with threshold, keepRecent, enabled or agents') },
  )
  .partial();

export type WorkingMemorySettingsInput = z.output<typeof workingMemorySettingsSchema>;
export type WorkingMemoryConfig = z.output<typeof workingMemoryConfigSchema>;

// --- end of working memory ---

/** Exactly one of module, command or http says what kind of target an `agents:` entry is. */
const agentKindFields = ['module', 'command', 'http'] as const;

export const agentDefinitionSchema = z
  .strictObject(
    {
      /** A JS/TS module (relative to the config file's directory); `export` picks a named export. */
      module: z.string({ error: 'expected a module path such as ./my-agent.ts' }).min(1, 'must not be empty').optional(),
      export: z.string({ error: 'expected the name of an export' }).min(1, 'must not be empty').optional(),
      /** A command line run once per case, in any language. */
      command: z.string({ error: 'expected a command line such as "python3 agent.py"' }).min(1, 'must not be empty').optional(),
      /** An agent served over HTTP: a POST per case. */
      http: z.url({ protocol: /^https?$/, error: 'expected a URL such as http://127.0.0.1:8000/run' }).optional(),
      /** HTTP headers sent with every request (http targets). */
      headers: z.record(z.string(), z.string({ error: 'expected a header value as a string' }), { error: 'expected a mapping of header names to values' }).optional(),
      /** A JSON body template (http targets): strings may hold {{goal}}, {{case_id}}, {{epoch}}, {{seed}}, {{model.base_url}}, {{model.api_key}}, {{model.model}}. */
      body: z.unknown().optional(),
      /** Where the answer is in the JSON response (http targets), e.g. output, data.answer, choices[0].message.content. */
      responsePath: z.string({ error: 'expected a path such as data.answer' }).min(1, 'must not be empty').optional(),
      /** Working directory of a command (relative to the config file's directory); the case's sandbox by default. */
      cwd: z.string({ error: 'expected a directory path' }).min(1, 'must not be empty').optional(),
      /** Extra environment variables for a command, or for a module while it runs. */
      env: z.record(z.string(), z.string({ error: 'expected a value as a string' }), { error: 'expected a mapping of variable names to values' }).optional(),
      /** Per-case timeout for this agent, in milliseconds (over --timeout). */
      timeout: z.number({ error: 'expected a number of milliseconds' }).int('expected whole milliseconds').positive('expected a positive number of milliseconds').optional(),
      /** The tools the agent has; a case naming another (expected, forbidden by a misspelling, in expected_args) is refused before the run. */
      tools: z.array(z.string({ error: 'expected a tool name' }), { error: 'expected a list of tool names' }).optional(),
      description: z.string({ error: 'expected a description as text' }).optional(),
    },
    { error: mappingExpected('expected a mapping with one of module, command or http') },
  )
  .superRefine((definition, context) => {
    const kinds = agentKindFields.filter((field) => definition[field] !== undefined);
    if (kinds.length !== 1) {
      context.addIssue({ code: 'custom', message: kinds.length === 0 ? 'expected one of module, command or http' : `expected only one of module, command or http, got ${kinds.join(' and ')}` });
      return;
    }
    const httpOnly = (['headers', 'body', 'responsePath'] as const).filter((field) => definition[field] !== undefined);
    if (kinds[0] !== 'http') for (const field of httpOnly) context.addIssue({ code: 'custom', path: [field], message: `only http agents take ${field}` });
    if (definition.export !== undefined && kinds[0] !== 'module') context.addIssue({ code: 'custom', path: ['export'], message: 'only module agents take export' });
  });

/** Long-term and episodic memory (agents/memory): which model embeds facts and goals, and the namespace runs use. */
export const memoryConfigSchema = z.strictObject(
  {
    /** A model reference whose endpoint serves /v1/embeddings, e.g. sim:strong or openai:text-embedding-3-small. */
    embeddingModel: z.string({ error: 'expected a model reference such as openai:text-embedding-3-small' }).min(1, 'must not be empty').optional(),
    /** The namespace `agentlab run` remembers in when --memory-namespace is not given. */
    namespace: z.string({ error: 'expected a namespace name' }).min(1, 'must not be empty').optional(),
  },
  { error: mappingExpected('expected a mapping with embeddingModel and namespace') },
);

// --- confidence (agents/confidence reads these) ---

const confidenceThresholdSchema = z
  .number({ error: 'expected a confidence threshold from 0 to 1 such as 0.85' })
  .min(0, 'expected a threshold of 0 or more')
  .max(1, 'expected a threshold of at most 1');

/**
 * Rating every answer of an eval and escalating those below a threshold to the review queue. Present
 * (even as `{}` or `enabled: true`) it turns rating on, at 0.85 unless `threshold` says otherwise.
 */
export const confidenceConfigSchema = z
  .strictObject(
    {
      /** false keeps the settings but turns rating off. */
      enabled: z.boolean({ error: 'expected true or false' }),
      /** For every agent: answers rated below it are escalated. */
      threshold: confidenceThresholdSchema,
      /** Per agent (its name or reference as in --agents), over `threshold`. */
      agents: z.record(z.string(), confidenceThresholdSchema, { error: mappingExpected('expected a mapping of agent names to thresholds') }),
    },
    { error: mappingExpected('expected a mapping with enabled, threshold or agents') },
  )
  .partial();

export type ConfidenceConfig = z.output<typeof confidenceConfigSchema>;

// --- end of confidence ---

// --- approvals (agents/tools/permission.ts reads these) ---

/**
 * Which tool calls wait for a person, per tool, over the permission levels: `required` asks even when
 * the tool's level is allowed (write_file, say), `never` never asks (a delete in a scratch sandbox).
 */
export const approvalsConfigSchema = z.strictObject(
  {
    tools: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a tool name such as delete_file'),
        z.enum(['required', 'never'], { error: 'expected required or never' }),
        { error: mappingExpected('expected a mapping of tool names to required or never') },
      )
      .optional(),
  },
  { error: mappingExpected('expected a mapping with tools') },
);

export type ApprovalsConfig = z.output<typeof approvalsConfigSchema>;

// --- end of approvals ---

// --- content (content/content-settings.ts reads these) ---

const contentModelReferenceSchema = z.string({ error: 'expected a model reference such as sim:strong' }).min(1, 'must not be empty');
const contentWorkerSchema = z.strictObject(
  {
    model: contentModelReferenceSchema.optional(),
    /** Tool names the worker is offered, over its defaults. */
    tools: z.array(z.string().min(1), { error: 'expected a list of tool names' }).optional(),
  },
  { error: mappingExpected('expected a mapping with model and tools') },
);
const positiveWholeSchema = z.number({ error: 'expected a whole number' }).int('expected a whole number').positive('expected a positive number');
const shareSchema = z.number({ error: 'expected a number from 0 to 1' }).min(0, 'expected 0 or more').max(1, 'expected at most 1');

export const contentConfigSchema = z.strictObject(
  {
    supervisor: z.strictObject({ model: contentModelReferenceSchema.optional() }, { error: mappingExpected('expected a mapping with model') }).optional(),
    workers: z
      .strictObject(
        { researcher: contentWorkerSchema.optional(), writer: contentWorkerSchema.optional(), 'fact-checker': contentWorkerSchema.optional(), formatter: contentWorkerSchema.optional() },
        { error: mappingExpected('expected a mapping with researcher, writer, fact-checker and formatter') },
      )
      .optional(),
    /** Below it a piece waits for review (0.85 by default). */
    confidenceThreshold: shareSchema.optional(),
    budget: z
      .strictObject(
        { maxSteps: positiveWholeSchema.optional(), maxTokens: positiveWholeSchema.optional(), stageAttempts: positiveWholeSchema.optional(), formatAttempts: positiveWholeSchema.optional() },
        { error: mappingExpected('expected a mapping with maxSteps, maxTokens, stageAttempts and formatAttempts') },
      )
      .optional(),
    gates: z
      .strictObject({ minFacts: z.number().int().min(0).optional(), minSupportedShare: shareSchema.optional() }, { error: mappingExpected('expected a mapping with minFacts and minSupportedShare') })
      .optional(),
    /** Where published packages go. */
    outputDirectory: z.string().min(1).optional(),
  },
  { error: mappingExpected('expected a mapping with supervisor, workers, confidenceThreshold, budget, gates and outputDirectory') },
);

export type ContentConfig = z.output<typeof contentConfigSchema>;

// --- end of content ---

/** Agent names are used in --agents and a case's agent field; a colon would clash with module:, command:, http:. */
const agentNameSchema = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'agent names are letters, digits, ".", "_" and "-", starting with a letter or digit');

/** Names used as `--model <name>`; a colon would clash with the `sim:` and `openai:` prefixes. */
const modelNameSchema = z.string().regex(/^[^\s:]+$/, 'model names may not contain spaces or ":"');

export const agentlabConfigSchema = z.strictObject(
  {
    /** Custom endpoints by the name used as a model reference. */
    models: z
      .record(modelNameSchema, modelDefinitionSchema, {
        error: mappingExpected('expected a mapping of model names to definitions'),
      })
      .nullish()
      .transform((models) => models ?? {}),
    /** Extra or overriding prices by model id (or by `sim:<profile>`). */
    prices: z
      .record(z.string(), tokenPricesSchema, {
        error: mappingExpected('expected a mapping of model ids to { input, output } prices'),
      })
      .nullish()
      .transform((prices) => prices ?? {}),
    /** Context windows in tokens by model id (or `sim:<profile>`), over the built-in table; a custom model sets its own contextWindow. */
    contextWindows: z
      .record(z.string(), contextWindowSchema, { error: mappingExpected('expected a mapping of model ids to numbers of tokens') })
      .optional(),
    /** When and how the built-in agents compress their conversation: globally, and per agent under `agents`. */
    workingMemory: workingMemoryConfigSchema.optional(),
    /** Long-term and episodic memory settings. */
    memory: memoryConfigSchema.optional(),
    /** Rate answers and escalate those below a threshold: globally, and per agent under `agents`. */
    confidence: confidenceConfigSchema.optional(),
    /** Tools whose calls always (required) or never (never) wait for an approval, over the permission levels. */
    approvals: approvalsConfigSchema.optional(),
    /** The content pipeline: its supervisor's and workers' models and tools, budgets and gates. */
    content: contentConfigSchema.optional(),
    /** Rate limits by model reference (`openai:gpt-4o-mini`, `sim:strong`, or a name under models, over its own fields). */
    rateLimits: z
      .record(z.string().regex(/^\S+$/, 'expected a model reference such as openai:gpt-4o-mini'), rateLimitsSchema, {
        error: mappingExpected('expected a mapping of model references to { rpm, tpm, maxConcurrency }'),
      })
      .optional(),
    /** The user's agents by the name used in --agents and a case's agent field. */
    agents: z
      .record(agentNameSchema, agentDefinitionSchema, {
        error: mappingExpected('expected a mapping of agent names to definitions'),
      })
      .nullish()
      .transform((agents) => agents ?? {}),
  },
  { error: mappingExpected('expected a mapping with the fields models, prices, contextWindows, workingMemory, memory, confidence, approvals, content, rateLimits and agents') },
).superRefine((config, context) => {
  // A reference with no prefix must be a configured model, or its limits would never apply.
  for (const reference of Object.keys(config.rateLimits ?? {})) {
    if (!reference.includes(':') && !(reference in config.models)) {
      context.addIssue({ code: 'custom', path: ['rateLimits', reference], message: `names no model: expected sim:<profile>, openai:<model> or a name under models (${Object.keys(config.models).join(', ') || 'none defined'})` });
    }
  }
});

export type ModelDefinition = z.output<typeof modelDefinitionSchema>;
export type AgentlabConfig = z.output<typeof agentlabConfigSchema>;
export type AgentDefinition = z.output<typeof agentDefinitionSchema>;
export type MemoryConfig = z.output<typeof memoryConfigSchema>;

/** The config in force when there is no config file. */
export const emptyConfig: AgentlabConfig = { models: {}, prices: {}, agents: {} };
