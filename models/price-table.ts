// The one price table (USD per million tokens) and context-window table (tokens): OpenAI's published
// figures, simulator profiles, then the config's additions.
import { emptyConfig } from './config-schema.js';
import type { AgentlabConfig, ModelDefinition } from './config-schema.js';
import { OPENAI_PREFIX, SIM_PREFIX } from './constants.js';
import { openAiContextWindows, openAiPrices } from './openai-prices.js';
import { builtInProfiles } from './sim/profiles.js';
import type { TokenPrices } from './sim/index.js';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Dated snapshots (`gpt-4o-2024-08-06`) are priced as their family unless priced themselves. */
const snapshotSuffix = /-\d{4}-\d{2}-\d{2}$/;

export class PriceTable {
  readonly #prices = new Map<string, TokenPrices>();
  readonly #contextWindows = new Map<string, number>();
  readonly #models: Record<string, ModelDefinition>;

  constructor(config: AgentlabConfig = emptyConfig) {
    for (const [model, prices] of Object.entries(openAiPrices)) this.#prices.set(model, prices);
    for (const [model, tokens] of Object.entries(openAiContextWindows)) this.#contextWindows.set(model, tokens);
    for (const [name, profile] of Object.entries(builtInProfiles)) {
      this.#prices.set(`${SIM_PREFIX}${name}`, profile.prices);
      this.#contextWindows.set(`${SIM_PREFIX}${name}`, profile.contextWindow);
    }
    for (const [model, prices] of Object.entries(config.prices)) this.#prices.set(model, prices);
    for (const [model, tokens] of Object.entries(config.contextWindows ?? {})) this.#contextWindows.set(model, tokens);
    this.#models = config.models;
  }

  /**
   * Prices for a model reference (`sim:weak`, `openai:gpt-4o`, a config model name) or a bare model id
   * such as a response's model; undefined when nothing is known, since unpriced models are common.
   */
  lookup(referenceOrModel: string): TokenPrices | undefined {
    if (Object.hasOwn(this.#models, referenceOrModel)) {
      const definition = this.#models[referenceOrModel]!;
      return definition.prices ?? this.#lookupModel(definition.model);
    }
    if (referenceOrModel.startsWith(OPENAI_PREFIX)) {
      return this.#lookupModel(referenceOrModel.slice(OPENAI_PREFIX.length));
    }
    return this.#lookupModel(referenceOrModel);
  }

  /**
   * The context window, in tokens, of a model reference or bare model id; undefined when nothing is
   * known (a custom endpoint without contextWindow), and then nothing compresses against it.
   */
  contextWindow(referenceOrModel: string): number | undefined {
    if (Object.hasOwn(this.#models, referenceOrModel)) {
      const definition = this.#models[referenceOrModel]!;
      return definition.contextWindow ?? this.#lookupWindow(definition.model);
    }
    if (referenceOrModel.startsWith(OPENAI_PREFIX)) return this.#lookupWindow(referenceOrModel.slice(OPENAI_PREFIX.length));
    return this.#lookupWindow(referenceOrModel);
  }

  /** Every priced key, in table order: OpenAI models, `sim:` profiles, then the config's own. */
  entries(): Array<{ key: string; prices: TokenPrices }> {
    return [...this.#prices].map(([key, prices]) => ({ key, prices }));
  }

  #lookupModel(model: string): TokenPrices | undefined {
    return this.#prices.get(model) ?? this.#prices.get(model.replace(snapshotSuffix, ''));
  }

  #lookupWindow(model: string): number | undefined {
    return this.#contextWindows.get(model) ?? this.#contextWindows.get(model.replace(snapshotSuffix, ''));
  }
}

/** Cost in USD of the given token usage at the given prices. */
export function costUsd(usage: TokenUsage, prices: TokenPrices): number {
  return (usage.inputTokens * prices.input + usage.outputTokens * prices.output) / 1_000_000;
}
