// An open set of target kinds: each kind is one module that knows its inline reference
// (`module:…`, `command:…`, `http:…`) and its config entry, and opens a target from either.
// Adding a kind is a new module and one line in target-kinds.ts.
import type { AgentDefinition } from '../models/index.js';
import type { AgentTarget, TargetEnvironment } from './agent-target.js';

export interface TargetSpec {
  /** The name results are recorded under: the config name, or the inline reference as written. */
  name: string;
  definition: AgentDefinition;
  /** Where relative paths of the definition start: the config file's directory, or the working directory for inline references. */
  baseDirectory: string;
}

export interface TargetKind {
  /** The config field that selects this kind, and its inline prefix without the colon. */
  readonly kind: 'module' | 'command' | 'http' | (string & {});
  /** The definition an inline reference stands for (the text after the prefix). */
  parseInline(text: string): AgentDefinition;
  /** Checks what can be checked up front (the file loads, the program exists, the URL answers) and opens the target. */
  open(spec: TargetSpec, environment: TargetEnvironment): Promise<AgentTarget>;
}

/** What every kind takes from a config entry: its name, kind, per-case timeout and declared tools. */
export function targetSettings(spec: TargetSpec, kind: TargetKind['kind']): Pick<AgentTarget, 'name' | 'kind' | 'timeoutMs' | 'tools'> {
  return {
    name: spec.name,
    kind,
    ...(spec.definition.timeout ? { timeoutMs: spec.definition.timeout } : {}),
    ...(spec.definition.tools ? { tools: spec.definition.tools } : {}),
  };
}
