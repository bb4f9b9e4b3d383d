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

/** The JSON Schema of a tool's arguments as the model should write them (defaults optional). */
export function toolJsonSchema(tool: Tool): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(tool.parameters, { io: 'input' });
  return schema;
}

/** The entry for a tool in the OpenAI `tools` array. */
export function toToolDefinition(tool: Tool): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: toolJsonSchema(tool) },
  };
}
