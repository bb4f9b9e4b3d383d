import { describe, expect, it } from 'vitest';
import type { AgentlabConfig } from './config-schema.js';
import { ModelReferenceError } from './errors.js';
import { parseModelReference } from './model-reference.js';

const config: AgentlabConfig = {
  agents: {},
  models: { 'local-llama': { baseURL: 'http://localhost:11434/v1', model: 'llama3.1:8b' } },
  prices: {},
};

function parseError(reference: string, withConfig?: AgentlabConfig): ModelReferenceError {
  try {
    parseModelReference(reference, withConfig);
  } catch (error) {
    if (error instanceof ModelReferenceError) return error;
    throw error;
  }
  throw new Error(`expected "${reference}" to be rejected`);
}

describe('parseModelReference', () => {
  it('parses simulator profiles', () => {
    expect(parseModelReference('sim:weak')).toEqual({ kind: 'sim', reference: 'sim:weak', profile: 'weak' });
  });

  it('parses OpenAI models, keeping colons inside the model id', () => {
    expect(parseModelReference('openai:gpt-4o-mini')).toEqual({
      kind: 'openai',
      reference: 'openai:gpt-4o-mini',
      model: 'gpt-4o-mini',
    });
    expect(parseModelReference('openai:ft:gpt-4o-mini:acme::abc')).toMatchObject({ model: 'ft:gpt-4o-mini:acme::abc' });
  });

  it('parses names from the config, carrying their definition', () => {
    expect(parseModelReference(' local-llama ', config)).toEqual({
      kind: 'custom',
      reference: 'local-llama',
      name: 'local-llama',
      definition: config.models['local-llama'],
    });
  });

  it('rejects an unknown simulator profile and lists the available ones', () => {
    const error = parseError('sim:genius');
    expect(error.code).toBe('AGENTLAB_MODEL_REFERENCE_INVALID');
    expect(error.reference).toBe('sim:genius');
    expect(error.message).toContain('Unknown simulator profile "genius"');
    expect(error.message).toContain('sim:oracle, sim:strong, sim:weak, sim:flaky, sim:looping');
  });

  it('suggests the profile or configured name a misspelt reference was meant to be', () => {
    expect(parseError('sim:stronk').message).toMatch(/^Unknown simulator profile "stronk" in "sim:stronk" \(did you mean sim:strong\?\)\. Available profiles: /);
    expect(parseError('sim:Oracel').message).toContain('(did you mean sim:oracle?)');
    expect(parseError('sim:genius').message).not.toContain('did you mean');
    expect(parseError('local-lama', config).message).toContain('Unknown model "local-lama" (did you mean local-llama?).');
  });

  it('rejects openai: without a model id', () => {
    expect(parseError('openai:').message).toContain('needs a model id after the colon');
  });

  it('rejects unknown prefixes and lists the accepted forms', () => {
    const error = parseError('anthropic:claude', config);
    expect(error.message).toContain('Unknown prefix "anthropic:"');
    expect(error.message).toContain('sim:<profile>');
    expect(error.message).toContain('openai:<model>');
    expect(error.message).toContain('defined: local-llama');
  });

  it('rejects unknown bare names, suggesting the prefixed form when one fits', () => {
    expect(parseError('oracle').message).toContain('did you mean sim:oracle?');
    expect(parseError('gpt-4o').message).toContain('did you mean openai:gpt-4o?');
    expect(parseError('mystery').message).toMatch(/Unknown model "mystery"\.\n.*none defined/s);
  });

  it('rejects an empty reference', () => {
    expect(parseError('  ').message).toContain('The model reference is empty.');
  });
});
