// Which answers are rated, and against which threshold: the flag over the config, 0.85 when the
// config turns rating on without a number, nothing when neither asks.
import { describe, expect, it } from 'vitest';
import { agentlabConfigSchema } from '../../models/index.js';
import { confidenceThresholdFor, parseConfidenceThreshold, resolveConfidenceSettings } from './confidence-settings.js';

const configOf = (confidence: unknown) => agentlabConfigSchema.parse({ confidence }).confidence;

describe('resolveConfidenceSettings', () => {
  it('rates nothing when neither the flag nor the config asks', () => {
    expect(resolveConfidenceSettings(undefined)).toBeUndefined();
    expect(resolveConfidenceSettings(configOf({ enabled: false, threshold: 0.7 }))).toBeUndefined();
  });

  it('is 0.85 for every agent when the config turns it on without a number', () => {
    const settings = resolveConfidenceSettings(configOf({}))!;
    expect(settings).toEqual({ threshold: 0.85 });
    expect(resolveConfidenceSettings(configOf({ enabled: true }))).toEqual({ threshold: 0.85 });
  });

  it("takes the config's threshold and per-agent thresholds over it", () => {
    const settings = resolveConfidenceSettings(configOf({ threshold: 0.8, agents: { react: 0.9 } }))!;
    expect(confidenceThresholdFor(settings, 'react')).toBe(0.9);
    expect(confidenceThresholdFor(settings, 'supervisor')).toBe(0.8);
  });

  it('lets the flag set every agent’s threshold, over the config', () => {
    const settings = resolveConfidenceSettings(configOf({ threshold: 0.8, agents: { react: 0.9 } }), 0.6)!;
    expect(confidenceThresholdFor(settings, 'react')).toBe(0.6);
    expect(resolveConfidenceSettings(undefined, 0)).toEqual({ threshold: 0 });
  });

  it('refuses a config threshold outside 0-1, naming the field', () => {
    const parsed = agentlabConfigSchema.safeParse({ confidence: { agents: { react: 1.5 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['confidence', 'agents', 'react'], message: 'expected a threshold of at most 1' });
  });
});

describe('parseConfidenceThreshold', () => {
  it('takes a number from 0 to 1 or a percentage', () => {
    expect(parseConfidenceThreshold('0.85')).toEqual({ threshold: 0.85 });
    expect(parseConfidenceThreshold('90%')).toEqual({ threshold: 0.9 });
    expect(parseConfidenceThreshold('1')).toEqual({ threshold: 1 });
  });

  it('says what is wrong with anything else', () => {
    for (const value of ['1.5', '-0.1', 'high', '', '85']) expect(parseConfidenceThreshold(value)).toHaveProperty('problem', expect.stringContaining(`got "${value}"`));
  });
});
