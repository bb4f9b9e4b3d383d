// Loads a user's agent module (JS or TS, through tsx: no build step) and finds the function to run,
// or says which file it was and what it exports instead.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TargetError } from '../errors.js';
import type { AgentHandler } from './define-agent.js';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describeExports(namespace: Record<string, unknown>): string {
  const names = Object.keys(namespace)
    .filter((name) => name !== '__esModule')
    .map((name) => `${name} (${describeType(namespace[name])})`);
  return names.length === 0 ? 'nothing' : names.join(', ');
}

export async function loadAgentModule(file: string, exportName: string | undefined, shownAs: string): Promise<AgentHandler> {
  try {
    await access(file);
  } catch {
    throw new TargetError('AGENTLAB_AGENT_MODULE_INVALID', `agent module ${shownAs}: the file ${file} does not exist`);
  }
  let namespace: Record<string, unknown>;
  try {
    // tsImport loads TypeScript (and JavaScript) in its own namespace without hooking the whole process.
    const { tsImport } = await import('tsx/esm/api');
    namespace = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TargetError('AGENTLAB_AGENT_MODULE_INVALID', `agent module ${shownAs} could not be loaded: ${message}`, { cause: error });
  }
  // A file that Node takes for CommonJS (a .ts with no "type": "module" above it) arrives with its
  // exports object as the default: the agent is inside it.
  const inner = namespace.default && typeof namespace.default === 'object' ? (namespace.default as Record<string, unknown>) : undefined;
  if (inner && (typeof inner.default === 'function' || inner.__esModule)) namespace = { ...inner };
  const wanted = exportName ?? 'default';
  let candidate = namespace[wanted];
  if (candidate === undefined && exportName && inner) candidate = inner[exportName];
  if (typeof candidate === 'function') return candidate as AgentHandler;
  const exported = describeExports(namespace);
  const what = candidate === undefined ? `has no ${exportName ? `export named "${exportName}"` : 'default export'}` : `exports "${wanted}" as ${/^[aeiou]/.test(describeType(candidate)) ? 'an' : 'a'} ${describeType(candidate)}, not a function`;
  const fix = exportName ? '' : `; use export default defineAgent(async (goal, context) => …), or name an export: module:${path.relative(process.cwd(), file) || file}#<name>`;
  throw new TargetError('AGENTLAB_AGENT_MODULE_INVALID', `agent module ${shownAs} ${what}; it exports: ${exported}${fix}`);
}
