// Parses model reference strings (`sim:<profile>`, `openai:<model>`, or a name from the config file).
import { closestName } from './closest-name.js';
import { emptyConfig } from './config-schema.js';
import type { AgentlabConfig, ModelDefinition } from './config-schema.js';
import { DEFAULT_CONFIG_FILE_NAME, OPENAI_API_KEY_VARIABLE, OPENAI_PREFIX, SIM_PREFIX } from './constants.js';
import { ModelReferenceError } from './errors.js';
import { openAiPrices } from './openai-prices.js';
import { builtInProfiles } from './sim/profiles.js';

export type ModelReference =
  | { kind: 'sim'; reference: string; profile: string }
  | { kind: 'openai'; reference: string; model: string }
  | { kind: 'custom'; reference: string; name: string; definition: ModelDefinition };

/**
 * Resolves a reference against the built-in simulator profiles and the config's `models:`.
 * Throws ModelReferenceError saying what was wrong and what is accepted.
 */
export function parseModelReference(reference: string, config: AgentlabConfig = emptyConfig): ModelReference {
  const trimmed = reference.trim();
  if (trimmed === '') fail(reference, 'The model reference is empty.', config);

  if (trimmed.startsWith(SIM_PREFIX)) {
    const profile = trimmed.slice(SIM_PREFIX.length);
    if (!Object.hasOwn(builtInProfiles, profile)) {
      const available = Object.keys(builtInProfiles).map((name) => `${SIM_PREFIX}${name}`);
      const near = closestName(profile, Object.keys(builtInProfiles));
      const what =
        profile === ''
          ? `"${trimmed}" names no simulator profile.`
          : `Unknown simulator profile "${profile}" in "${trimmed}"${near ? ` (did you mean ${SIM_PREFIX}${near}?)` : ''}.`;
      throw new ModelReferenceError(reference, `${what} Available profiles: ${available.join(', ')}.`);
    }
    return { kind: 'sim', reference: trimmed, profile };
  }

  if (trimmed.startsWith(OPENAI_PREFIX)) {
    const model = trimmed.slice(OPENAI_PREFIX.length);
    if (model === '') {
      const example = `${OPENAI_PREFIX}gpt-4o-mini`;
      throw new ModelReferenceError(reference, `"${trimmed}" needs a model id after the colon, e.g. ${example}.`);
    }
    return { kind: 'openai', reference: trimmed, model };
  }

  if (Object.hasOwn(config.models, trimmed)) {
    return { kind: 'custom', reference: trimmed, name: trimmed, definition: config.models[trimmed]! };
  }

  const colon = trimmed.indexOf(':');
  if (colon > 0) fail(reference, `Unknown prefix "${trimmed.slice(0, colon + 1)}" in "${trimmed}".`, config);
  fail(reference, `Unknown model "${trimmed}"${suggestionFor(trimmed, config)}.`, config);
}

function suggestionFor(name: string, config: AgentlabConfig): string {
  if (Object.hasOwn(builtInProfiles, name)) return ` (did you mean ${SIM_PREFIX}${name}?)`;
  if (Object.hasOwn(openAiPrices, name)) return ` (did you mean ${OPENAI_PREFIX}${name}?)`;
  const near = closestName(name, [...Object.keys(config.models), ...Object.keys(builtInProfiles).map((profile) => `${SIM_PREFIX}${profile}`)]);
  return near ? ` (did you mean ${near}?)` : '';
}

function fail(reference: string, problem: string, config: AgentlabConfig): never {
  throw new ModelReferenceError(reference, `${problem}\n${describeAcceptedReferences(config)}`);
}

/** The forms a model reference may take, with what this configuration makes available. */
export function describeAcceptedReferences(config: AgentlabConfig = emptyConfig): string {
  const profiles = Object.keys(builtInProfiles).join(', ');
  const names = Object.keys(config.models);
  const defined = names.length === 0 ? 'none defined' : `defined: ${names.join(', ')}`;
  return [
    'Accepted model references:',
    `  ${SIM_PREFIX}<profile>   the embedded simulator; profiles: ${profiles}`,
    `  ${OPENAI_PREFIX}<model>  an OpenAI model, using ${OPENAI_API_KEY_VARIABLE} (e.g. ${OPENAI_PREFIX}gpt-4o-mini)`,
    `  <name>          a model under models: in ${DEFAULT_CONFIG_FILE_NAME} (${defined})`,
  ].join('\n');
}
