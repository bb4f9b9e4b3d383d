// Defaults of the instrumented-stack drivers and their harness, in one place: the stacks there are,
// the variables a driver reads, the goal every stack is given, the model it asks for and how long a
// driver may take.

/** Each names a driver file beside this one, `<name>.ts`, run in a process of its own. */
export const stackNames = ['vercel-ai', 'openinference-openai', 'traceloop-0-27', 'traceloop-0-22'] as const;
export type StackName = (typeof stackNames)[number];

/** The OpenAI-compatible base URL (ending in /v1) a driver sends its model calls to. */
export const modelUrlVariable = 'AGENTLAB_STACK_MODEL_URL';
/** The OTLP/HTTP endpoint a driver exports to, without the signal path: `/v1/traces` is added. */
export const otlpEndpointVariable = 'AGENTLAB_STACK_OTLP_ENDPOINT';
/** The model id a driver asks for. */
export const modelVariable = 'AGENTLAB_STACK_MODEL';

/**
 * A priced model id (models/openai-prices.ts), so cost can come from the price table; the harness
 * serves the simulator's oracle profile under it.
 */
export const defaultModel = 'gpt-4o-mini';
export const simulatorProfile = 'oracle';

/** Needs two tool calls with the oracle profile: search_web, then calculator, then the answer. */
export const agentGoal = 'Search the web for the boiling point of water, then calculate 17 * 23.';
export const agentInstructions = 'You are a helpful agent. Use the tools to answer.';
/** A stack that loops past this many model calls has gone wrong; the goal needs three. */
export const maximumSteps = 5;

/**
 * A driver takes 5 to 15 s on an idle two-core machine (Traceloop loads every instrumentation it
 * ships), several times that beside a full test run; one stuck past this is killed.
 */
export const driverTimeoutMs = 90_000;

/** More traces than any driver makes (each makes one), so the harness lists them all. */
export const listedTracesLimit = 100;

/** Where dump-spans.ts writes `<stack>.json`. */
export const dumpFolderName = 'stack-spans';

/** How many drivers the test runs at once: each loads a big module graph, and CI machines have two cores. */
export const stackConcurrency = 2;
