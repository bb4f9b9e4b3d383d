// The models a user can name, with their prices and context windows: what `agentlab models` shows.
import { emptyConfig } from './config-schema.js';
import type { AgentlabConfig } from './config-schema.js';
import { OPENAI_PREFIX, OPENAI_PROVIDER_NAME, SIM_PREFIX, SIM_PROVIDER_NAME } from './constants.js';
import { openAiPrices } from './openai-prices.js';
import { PriceTable } from './price-table.js';
import { builtInProfiles } from './sim/profiles.js';
import type { TokenPrices } from './sim/index.js';

export interface CatalogueEntry {
  /** What to pass as a model reference, e.g. `sim:weak`. */
  reference: string;
  /** `gen_ai.provider.name` of the endpoint. */
  provider: string;
  /** Model id sent to the endpoint. */
  model: string;
  description: string;
  /** USD per million tokens; absent when unknown. */
  prices?: TokenPrices;
  /** Tokens per request (prompt + max_tokens); absent when unknown. */
  contextWindow?: number;
}

/** Simulator profiles, then OpenAI models (list prices and config-priced ids), then the config's own models. */
export function listKnownModels(config: AgentlabConfig = emptyConfig): CatalogueEntry[] {
  const priceTable = new PriceTable(config);
  const withPrices = (entry: Omit<CatalogueEntry, 'prices' | 'contextWindow'>): CatalogueEntry => {
    const prices = priceTable.lookup(entry.reference);
    const contextWindow = priceTable.contextWindow(entry.reference);
    return { ...entry, ...(prices === undefined ? {} : { prices }), ...(contextWindow === undefined ? {} : { contextWindow }) };
  };

  const simulated = Object.values(builtInProfiles).map((profile) =>
    withPrices({
      reference: `${SIM_PREFIX}${profile.name}`,
      provider: SIM_PROVIDER_NAME,
      model: profile.name,
      description: profile.description,
    }),
  );

  const customModelIds = new Set(Object.values(config.models).map((definition) => definition.model));
  const configPricedIds = Object.keys(config.prices).filter(
    (id) => !id.startsWith(SIM_PREFIX) && !Object.hasOwn(openAiPrices, id) && !customModelIds.has(id),
  );
  const openAi = [
    ...Object.keys(openAiPrices).map((id) => ({ id, description: 'OpenAI API' })),
    ...configPricedIds.map((id) => ({ id, description: 'OpenAI-compatible API, priced in the config' })),
  ].map(({ id, description }) =>
    withPrices({ reference: `${OPENAI_PREFIX}${id}`, provider: OPENAI_PROVIDER_NAME, model: id, description }),
  );

  const custom = Object.entries(config.models).map(([name, definition]) =>
    withPrices({
      reference: name,
      provider: definition.provider ?? OPENAI_PROVIDER_NAME,
      model: definition.model,
      description: `${definition.model} at ${definition.baseURL}`,
    }),
  );

  return [...simulated, ...openAi, ...custom];
}
