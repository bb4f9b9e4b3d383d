// Declares a tool: a zod schema for its arguments, a permission level and what it does.
import { z } from 'zod';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { ToolDefinitionError } from './errors.js';
import type { Permission } from './permission.js';
import type { Sandbox } from './sandbox.js';

/** What a tool receives besides its arguments: the run's sandbox and a signal to stop early. */
export interface ToolContext {
  sandbox: Sandbox;
  /** Aborted when the call times out or the run is cancelled. */
  signal: AbortSignal;
  callId: string;
}

export type ToolParameters = z.ZodObject;

export interface Tool<Parameters extends ToolParameters = ToolParameters> {
  /** Letters, digits, `_` and `-`, at most 64 characters (the OpenAI limit). */
  name: string;
  description: string;
  permission: Permission;
  parameters: Parameters;
  /** Returns text for the model, or a value that is sent as JSON. Throw to report a failure. */
  execute(args: z.output<Parameters>, context: ToolContext): Promise<unknown>;
  /**
   * One-time set-up that is not a call's work (loading a library on first use), awaited before a
   * call's deadline starts, so a slow first load on a busy machine does not time the call out.
   * Called before every call: it should remember that it is done. Throw to report a failure.
   */
  prepare?(): Promise<void>;
}

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

export function defineTool<Parameters extends ToolParameters>(tool: Tool<Parameters>): Tool<Parameters> {
  if (!toolNamePattern.test(tool.name)) {
    throw new ToolDefinitionError(
      `tool name "${tool.name}" must be 1 to 64 letters, digits, underscores or hyphens`,
    );
  }
  return tool;
}

// Deriving a JSON Schema walks the whole zod schema; every run of an eval asks for the same ones.
const jsonSchemas = new WeakMap<ToolParameters, Readonly<Record<string, unknown>>>();
const definitions = new WeakMap<Tool, ChatCompletionFunctionTool>();

/** The JSON Schema of a tool's arguments as the model should write them (defaults optional). Shared: do not modify. */
export function toolJsonSchema(tool: Tool): Readonly<Record<string, unknown>> {
  let schema = jsonSchemas.get(tool.parameters);
  if (!schema) {
    const { $schema: _dialect, ...derived } = z.toJSONSchema(tool.parameters, { io: 'input' });
    schema = derived;
    jsonSchemas.set(tool.parameters, schema);
  }
  return schema;
}

/** The entry for a tool in the OpenAI `tools` array. Shared: do not modify. */
export function toToolDefinition(tool: Tool): ChatCompletionFunctionTool {
  let definition = definitions.get(tool);
  if (!definition) {
    definition = {
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: toolJsonSchema(tool) as Record<string, unknown> },
    };
    definitions.set(tool, definition);
  }
  return definition;
}
