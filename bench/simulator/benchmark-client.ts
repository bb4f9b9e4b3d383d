// The openai client every simulator benchmark calls through, configured the same for both sides
// of a comparison: no retries (a retry would hide a failure inside a timing), no real key, and
// agentlab's own transport (models/transport), as an agentlab eval reaches `agentlab sim`. With
// Node's fetch the client's own work per reply (about 1 ms of CPU) bunched 32 replies into a queue
// of about 10 ms at the end of every 100 ms call, the ceiling of simulator-concurrency's figure on
// both sides (the bare server reached 0.88 of ideal, as the simulator did).
import OpenAI from 'openai';
import { createModelTransport } from '../../models/index.js';

/** One transport for every client of the benchmark process: its pools keep their connections between runs. */
const transport = createModelTransport({ env: {} });

export function benchmarkClient(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'bench-no-key', maxRetries: 0, timeout: 30_000, fetch: transport.fetch });
}
