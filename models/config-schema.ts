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
  },
  { error: mappingExpected('expected a mapping with baseURL and model') },
);

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
  },
  { error: mappingExpected('expected a mapping with the fields models and prices') },
);

export type ModelDefinition = z.output<typeof modelDefinitionSchema>;
export type AgentlabConfig = z.output<typeof agentlabConfigSchema>;

/** The config in force when there is no config file. */
export const emptyConfig: AgentlabConfig = { models: {}, prices: {} };
