// What a driver reads from its environment: where the model is, where spans go, which model to ask.
// The harness sets these; run by hand, a driver needs them set too (see README.md).
import { defaultModel, modelUrlVariable, modelVariable, otlpEndpointVariable } from './constants.js';

export interface StackSettings {
  /** OpenAI-compatible base URL ending in /v1. */
  modelUrl: string;
  /** OTLP/HTTP endpoint without the signal path, e.g. `http://127.0.0.1:4318`. */
  otlpEndpoint: string;
  /** `${otlpEndpoint}/v1/traces` */
  tracesUrl: string;
  model: string;
}

function required(environment: NodeJS.ProcessEnv, name: string): string {
  const value = environment[name];
  if (!value) throw new Error(`${name} is not set; the stack harness (run-stack.ts) sets it`);
  return value;
}

export function readStackSettings(environment: NodeJS.ProcessEnv = process.env): StackSettings {
  const otlpEndpoint = required(environment, otlpEndpointVariable).replace(/\/+$/, '');
  return {
    modelUrl: required(environment, modelUrlVariable),
    otlpEndpoint,
    tracesUrl: `${otlpEndpoint}/v1/traces`,
    model: environment[modelVariable] || defaultModel,
  };
}
