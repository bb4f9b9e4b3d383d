// Checks the names that scope memories: a namespace (a user's, a project's, an eval case's) and an
// agent. They are stored and shown in terminals, so control characters are refused outright.
import { MAX_AGENT_NAME_LENGTH, MAX_NAMESPACE_LENGTH } from './constants.js';
import { memoryInputInvalid } from './errors.js';

// C0, DEL and C1 controls, and the bidirectional overrides that reorder what a terminal shows.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function checkNamespace(namespace: string): string {
  if (namespace.trim() === '') throw memoryInputInvalid('A memory namespace must not be empty.');
  if (namespace.length > MAX_NAMESPACE_LENGTH) throw memoryInputInvalid(`A memory namespace is at most ${MAX_NAMESPACE_LENGTH} characters; this one has ${namespace.length}.`);
  if (controlCharacters.test(namespace)) throw memoryInputInvalid(`The memory namespace ${JSON.stringify(namespace)} holds a control character.`);
  return namespace;
}

/** '' is the shared scope of every agent in a namespace. */
export function checkAgentName(agent: string): string {
  if (agent.length > MAX_AGENT_NAME_LENGTH) throw memoryInputInvalid(`An agent name is at most ${MAX_AGENT_NAME_LENGTH} characters; this one has ${agent.length}.`);
  if (controlCharacters.test(agent)) throw memoryInputInvalid(`The agent name ${JSON.stringify(agent)} holds a control character.`);
  return agent;
}

/** Text to embed and keep: not blank and not over `maxLength`. */
export function checkText(text: string, what: string, maxLength: number): string {
  if (text.trim() === '') throw memoryInputInvalid(`The ${what} must not be empty.`);
  if (text.length > maxLength) throw memoryInputInvalid(`The ${what} is at most ${maxLength} characters; this one has ${text.length}.`);
  return text;
}

export function checkK(k: number, max: number): number {
  if (!Number.isInteger(k) || k < 1 || k > max) throw memoryInputInvalid(`k must be a whole number from 1 to ${max}, not ${k}.`);
  return k;
}
