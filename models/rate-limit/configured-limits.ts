// Which rate limits the config sets for a model reference: a configured model's own rpm, tpm and
// maxConcurrency, with `rateLimits:` by reference over them; for `sim:` and `openai:` references,
// `rateLimits:` alone. None unless configured: an endpoint's limits depend on the account's tier.
import type { AgentlabConfig, RateLimitsConfig } from '../config-schema.js';

export function configuredRateLimits(reference: string, config: AgentlabConfig): RateLimitsConfig | undefined {
  const definition = config.models[reference];
  const own: RateLimitsConfig = definition ? { rpm: definition.rpm, tpm: definition.tpm, maxConcurrency: definition.maxConcurrency } : {};
  const byReference = config.rateLimits?.[reference] ?? {};
  const merged: RateLimitsConfig = {};
  for (const field of ['rpm', 'tpm', 'maxConcurrency'] as const) {
    const value = byReference[field] ?? own[field];
    if (value !== undefined) merged[field] = value;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}
