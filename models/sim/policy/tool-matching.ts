// Matches what a goal needs to the tools actually offered, by tool name and parameter names, the
// way a model reads a tools array: it knows nothing about a tool beyond its definition.
import type { ToolDefinition } from '../request-schema.js';
import type { Intent, Need } from './goal-needs.js';

const toolNamePatterns: Record<Intent, RegExp> = {
  search: /search|lookup|retriev|find|query/i,
  read: /read|open|cat|get_?file|load/i,
  write: /write|save|create_?file|put_?file/i,
  calculate: /calc|math|comput|eval|arithmetic/i,
  list: /list|ls\b|dir/i,
  delete: /delete|remove|\brm\b|unlink/i,
  email: /e-?mail|mail|send/i,
  remember: /remember|memori[sz]e|(?:save|store|add)_?memor/i,
  recall: /recall|remind|(?:search|retrieve|query)_?memor/i,
  scrape: /scrape|crawl|browse|fetch_?(?:page|url|web)|web_?page/i,
};

const parameterNamesByRole: Record<string, string[]> = {
  query: ['query', 'q', 'search_query', 'search', 'question', 'text', 'input', 'keywords'],
  path: ['path', 'file', 'filename', 'file_name', 'file_path', 'filepath', 'name', 'directory', 'dir', 'folder'],
  content: ['content', 'contents', 'text', 'body', 'data', 'fact', 'memory'],
  expression: ['expression', 'expr', 'formula', 'input', 'query', 'equation'],
  to: ['to', 'recipient', 'email', 'address'],
  subject: ['subject', 'title'],
  body: ['body', 'content', 'text', 'message'],
  url: ['url', 'uri', 'address', 'link', 'href', 'page'],
};

/** The role whose value fills the first string parameter when no name matches. */
const primaryRole: Record<Intent, string> = {
  search: 'query',
  read: 'path',
  write: 'path',
  calculate: 'expression',
  list: 'path',
  delete: 'path',
  email: 'to',
  remember: 'content',
  recall: 'query',
  scrape: 'url',
};

export function toolForIntent(intent: Intent, tools: ToolDefinition[]): ToolDefinition | undefined {
  return tools.find((tool) => toolNamePatterns[intent].test(tool.function.name));
}

export function intentForTool(toolName: string): Intent | undefined {
  return (Object.keys(toolNamePatterns) as Intent[]).find((intent) => toolNamePatterns[intent].test(toolName));
}

interface JsonSchemaObject {
  properties?: Record<string, { type?: unknown; default?: unknown }>;
  required?: string[];
}

/** Builds a tool's arguments from a need's values, using the tool's own parameter names. */
export function buildArguments(tool: ToolDefinition, intent: Intent, values: Record<string, string>): Record<string, unknown> {
  const schema = (tool.function.parameters ?? {}) as JsonSchemaObject;
  const properties = schema.properties ?? {};
  const propertyNames = Object.keys(properties);
  const result: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [role, value] of Object.entries(values)) {
    const name = (parameterNamesByRole[role] ?? [role]).find((candidate) => propertyNames.includes(candidate) && !used.has(candidate));
    if (name) {
      result[name] = value;
      used.add(name);
    }
  }
  if (used.size === 0 && propertyNames.length > 0) {
    const firstString = propertyNames.find((name) => properties[name]?.type === 'string') ?? propertyNames[0]!;
    result[firstString] = values[primaryRole[intent]] ?? Object.values(values)[0] ?? '';
  }
  for (const name of schema.required ?? []) {
    if (name in result) continue;
    const property = properties[name];
    result[name] = property?.default ?? (property?.type === 'number' || property?.type === 'integer' ? 1 : property?.type === 'boolean' ? false : '');
  }
  if (propertyNames.length === 0) return { ...values };
  return result;
}

/** The value a call must carry to count as doing this need (its query, path, expression or recipient). */
export function keyValue(need: Need): string {
  return need.arguments[primaryRole[need.intent]] ?? '';
}

export function callMatchesNeed(callArguments: Record<string, unknown> | undefined, need: Need): boolean {
  if (!callArguments) return false;
  const wanted = keyValue(need).trim().toLowerCase();
  return Object.values(callArguments).some((value) => typeof value === 'string' && value.trim().toLowerCase() === wanted);
}
