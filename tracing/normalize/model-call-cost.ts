// A model call's cost: the span's own where it has one, else its tokens at the price table's prices
// for its model, looked up as written and without a provider prefix (`openai/gpt-4o-mini`). Without
// a lookup of the caller's (a config's table), the built-in table prices what it knows.
import type { TokenPrices } from '../../models/index.js';
import { costUsd, PriceTable } from '../../models/index.js';
import type { CostSource, ModelCallView } from './span-view.js';

export type PriceLookup = (model: string) => TokenPrices | undefined;

/** `openai/gpt-4o`, `azure.openai:gpt-4o` → `gpt-4o`; undefined when there is no prefix. */
function withoutProviderPrefix(model: string): string | undefined {
  const separator = Math.max(model.lastIndexOf('/'), model.lastIndexOf(':'));
  return separator > 0 && separator < model.length - 1 ? model.slice(separator + 1) : undefined;
}

function pricesFor(model: ModelCallView, priceFor: PriceLookup): TokenPrices | undefined {
  for (const name of [model.model, model.responseModel]) {
    if (name === undefined) continue;
    const bare = withoutProviderPrefix(name);
    const prices = priceFor(name) ?? (bare === undefined ? undefined : priceFor(bare));
    if (prices) return prices;
  }
  return undefined;
}

let builtInTable: PriceTable | undefined;

/** Prices from the built-in table: OpenAI's list prices and the simulator's profiles. */
export function builtInPriceLookup(model: string): TokenPrices | undefined {
  builtInTable ??= new PriceTable();
  return builtInTable.lookup(model);
}

export function modelCallCost(model: ModelCallView, ownCostUsd: number | undefined, priceFor: PriceLookup = builtInPriceLookup): { costUsd?: number; costSource: CostSource } {
  if (ownCostUsd !== undefined) return { costUsd: ownCostUsd, costSource: 'span' };
  const prices = pricesFor(model, priceFor);
  if (!prices) return { costSource: 'no_price' };
  return { costUsd: costUsd({ inputTokens: model.inputTokens ?? 0, outputTokens: model.outputTokens ?? 0 }, prices), costSource: 'price_table' };
}
