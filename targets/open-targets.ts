// Turns --agents references and cases' agent fields into opened targets, before any case runs:
// built-in names, names from the config's `agents:`, and inline `module:`, `command:`, `http:`
// references. Anything that cannot be opened stops the eval here, naming the reference.
import path from 'node:path';
import { agentNames } from '../agents/index.js';
import type { EvalLessons, EvalMemory } from '../agents/index.js';
import type { AgentDefinition, AgentlabConfig, ModelHandle } from '../models/index.js';
import type { AgentTarget, TargetEnvironment } from './agent-target.js';
import { builtInToolNames, builtinTarget, isBuiltinTarget } from './builtin-target.js';
import { TargetError } from './errors.js';
import type { ModelProxy, ModelProxyOptions } from './proxy/model-proxy-types.js';
import type { TargetKind } from './target-kind.js';
import { targetKinds } from './target-kinds.js';

export interface OpenTargetsOptions {
  config: AgentlabConfig;
  /** The config file's directory: relative paths in `agents:` entries start there. */
  configDirectory?: string;
  /** Where inline references' relative paths start. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** For the model proxy, when a target needs it: where spans posted by agents go. */
  proxy?: ModelProxyOptions;
  /** Long-term memory and episodes for the built-in agents, when the eval turns them on. */
  memory?: EvalMemory;
  /** Lessons from similar past tasks for the built-in agents, when the eval looks for them. */
  lessons?: EvalLessons;
  /** Opens a model reference a module agent asks for besides its cell's (`context.openModel`). */
  openModel?: (reference: string) => Promise<ModelHandle>;
}

/** The targets of one eval, by name, and the proxy they share; close() when the eval ends. */
export class TargetSet {
  constructor(
    readonly targets: ReadonlyMap<string, AgentTarget>,
    private readonly proxyStarted: () => Promise<ModelProxy> | undefined,
  ) {}

  get(name: string): AgentTarget | undefined {
    return this.targets.get(name);
  }

  async close(): Promise<void> {
    for (const target of this.targets.values()) await target.close?.();
    await (await this.proxyStarted())?.close();
  }
}

/** What --agents means when it is not given: the config's agents when it defines any, else the built-in ones. */
export function defaultAgentReferences(config: AgentlabConfig): string[] {
  const configured = Object.keys(config.agents ?? {});
  return configured.length > 0 ? configured : [...agentNames];
}

export function describeAcceptedAgents(config: AgentlabConfig): string {
  const configured = Object.keys(config.agents ?? {});
  const kinds = targetKinds.map((kind) => `${kind.kind}:…`).join(', ');
  return `built-in agents ${agentNames.join(', ')}${configured.length > 0 ? `; agents from the config: ${configured.join(', ')}` : ''}; or ${kinds}`;
}

/** Whether a reference could name an agent: built in, in the config, or an inline `kind:…` reference. */
export function isKnownAgentReference(reference: string, config: AgentlabConfig): boolean {
  const trimmed = reference.trim();
  if (isBuiltinTarget(trimmed) || Object.hasOwn(config.agents ?? {}, trimmed)) return true;
  const colon = trimmed.indexOf(':');
  return colon > 0 && trimmed.slice(colon + 1).trim() !== '' && targetKinds.some((kind) => kind.kind === trimmed.slice(0, colon));
}

/**
 * The tools an agent is known to have without opening it: the built-in tools for a built-in agent,
 * a config agent's `tools:`; undefined when it declares none (an inline module:, command: or http:).
 */
export function declaredTools(reference: string, config: AgentlabConfig): readonly string[] | undefined {
  const trimmed = reference.trim();
  if (isBuiltinTarget(trimmed)) return builtInToolNames();
  return Object.hasOwn(config.agents ?? {}, trimmed) ? config.agents![trimmed]!.tools : undefined;
}

function kindOf(definition: AgentDefinition): TargetKind | undefined {
  return targetKinds.find((kind) => (definition as Record<string, unknown>)[kind.kind] !== undefined);
}

export async function openTargets(references: readonly string[], options: OpenTargetsOptions): Promise<TargetSet> {
  let proxy: Promise<ModelProxy> | undefined;
  const environment: TargetEnvironment = {
    cwd: options.cwd,
    env: options.env,
    proxy: () => {
      // The proxy's modules load only when a user's agent is in the eval.
      proxy ??= import('./proxy/index.js').then(({ startModelProxy }) => startModelProxy(options.proxy ?? {}));
      return proxy;
    },
    ...(options.openModel ? { openModel: options.openModel } : {}),
  };
  const targets = new Map<string, AgentTarget>();
  const set = new TargetSet(targets, () => proxy);
  try {
    for (const reference of new Set(references.map((reference) => reference.trim()))) {
      targets.set(reference, await openTarget(reference, options, environment));
    }
  } catch (error) {
    await set.close().catch(() => undefined);
    throw error;
  }
  return set;
}

async function openTarget(reference: string, options: OpenTargetsOptions, environment: TargetEnvironment): Promise<AgentTarget> {
  if (isBuiltinTarget(reference)) return builtinTarget(reference, options.config, options.memory, options.lessons);
  const configured = options.config.agents?.[reference];
  if (configured) {
    const kind = kindOf(configured);
    if (!kind) throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${reference} in the config has none of ${targetKinds.map((each) => each.kind).join(', ')}`);
    return kind.open({ name: reference, definition: configured, baseDirectory: options.configDirectory ?? options.cwd }, environment);
  }
  const colon = reference.indexOf(':');
  const kind = colon > 0 ? targetKinds.find((each) => each.kind === reference.slice(0, colon)) : undefined;
  if (!kind || reference.slice(colon + 1).trim() === '') {
    throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `unknown agent "${reference}"; accepted: ${describeAcceptedAgents(options.config)}`);
  }
  return kind.open({ name: reference, definition: kind.parseInline(reference.slice(colon + 1).trim()), baseDirectory: path.resolve(options.cwd) }, environment);
}
