// The openai client every simulator benchmark calls through, configured the same for both sides
// of a comparison: no retries (a retry would hide a failure inside a timing), no real key.
import OpenAI from 'openai';

export function benchmarkClient(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'bench-no-key', maxRetries: 0, timeout: 30_000 });
}
