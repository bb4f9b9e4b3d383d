// Figures as people read them: a trace's costs to four significant figures (no float noise), and
// span attributes that are costs, token counts or durations shown as those figures.
import { describe, expect, it } from 'vitest';
import { viewFormat } from './view-format.js';

describe('usdPrecise', () => {
  it('gives four significant figures, at least the cents, and whole dollars from $1,000', () => {
    expect(viewFormat.usdPrecise(0.0006988499999999999)).toBe('$0.0006988');
    expect(viewFormat.usdPrecise(0.00006104999999999999)).toBe('$0.00006105');
    expect(viewFormat.usdPrecise(1.2344)).toBe('$1.234');
    expect(viewFormat.usdPrecise(12.349)).toBe('$12.35');
    expect(viewFormat.usdPrecise(1.5)).toBe('$1.50');
    expect(viewFormat.usdPrecise(0.0005)).toBe('$0.0005');
    expect(viewFormat.usdPrecise(12_345.6)).toBe('$12,346');
    expect(viewFormat.usdPrecise(0)).toBe('$0.00');
    expect(viewFormat.usdPrecise(undefined)).toBe('—');
  });
});

describe('attributeFigure', () => {
  it('reads costs, token counts and durations by their names in any dialect', () => {
    expect(viewFormat.attributeFigure('gen_ai.usage.cost', 0.0006988499999999999)).toBe('$0.0006988');
    expect(viewFormat.attributeFigure('llm.cost.total', 0.25)).toBe('$0.25');
    expect(viewFormat.attributeFigure('gen_ai.usage.input_tokens', 12_345)).toBe('12,345');
    expect(viewFormat.attributeFigure('ai.usage.outputTokens', 1_234)).toBe('1,234');
    expect(viewFormat.attributeFigure('llm.token_count.prompt', 4_321)).toBe('4,321');
    expect(viewFormat.attributeFigure('retry.wait_ms', 1_250)).toBe('1.25 s');
  });

  it('leaves other numbers as they are and lists texts comma-separated', () => {
    expect(viewFormat.attributeFigure('server.port', 35_429)).toBe('35429');
    expect(viewFormat.attributeFigure('gen_ai.request.seed', 311_903_061)).toBe('311903061');
    expect(viewFormat.attributeFigure('gen_ai.response.finish_reasons', ['stop', 'length'])).toBe('stop, length');
    expect(viewFormat.attributeFigure('gen_ai.operation.name', 'chat')).toBe('chat');
  });
});

describe('age', () => {
  it('reads a wait in its two largest units, never negative', () => {
    expect(viewFormat.age(42_500)).toBe('42 s');
    expect(viewFormat.age(12 * 60_000 + 59_000)).toBe('12 min');
    expect(viewFormat.age(3 * 3_600_000)).toBe('3 h');
    expect(viewFormat.age(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(viewFormat.age(2 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('2 d 4 h');
    expect(viewFormat.age(-5_000)).toBe('0 s');
    expect(viewFormat.age(undefined)).toBe('—');
  });
});
