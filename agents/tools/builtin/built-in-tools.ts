// The built-in tool set and a registry holding it, as a run usually wants them.
import type { Tool } from '../define-tool.js';
import { ToolRegistry, type ToolRegistryOptions } from '../tool-registry.js';
import { calculatorTool } from './calculator.js';
import { deleteFileTool } from './delete-file.js';
import { listFilesTool } from './list-files.js';
import { readFileTool } from './read-file.js';
import { createSearchWebTool, type SearchWebToolOptions } from './search-web.js';
import { sendEmailTool } from './send-email.js';
import { writeFileTool } from './write-file.js';

export type BuiltInToolsOptions = SearchWebToolOptions;

/** search_web, read_file, write_file, list_files, delete_file, calculator, send_email. */
export function createBuiltInTools(options: BuiltInToolsOptions = {}): Tool[] {
  return [
    createSearchWebTool(options),
    readFileTool,
    writeFileTool,
    listFilesTool,
    deleteFileTool,
    calculatorTool,
    sendEmailTool,
  ];
}

export interface DefaultRegistryOptions extends ToolRegistryOptions, BuiltInToolsOptions {}

/** A registry of every built-in tool, bound to one run's sandbox. Cheap: the corpus index is shared. */
export function createDefaultRegistry(options: DefaultRegistryOptions): ToolRegistry {
  return new ToolRegistry(createBuiltInTools(options), options);
}
