// The built-in tool set and a registry holding it, as a run usually wants them.
import type { Tool } from '../define-tool.js';
import { ToolRegistry, type ToolRegistryOptions } from '../tool-registry.js';
import { calculatorTool } from './calculator.js';
import { deleteFileTool } from './delete-file.js';
import { listFilesTool } from './list-files.js';
import type { MemoryToolsOptions } from './memory-tools-options.js';
import { readFileTool } from './read-file.js';
import { createRecallTool } from './recall.js';
import { createRememberTool } from './remember.js';
import { createScrapeTool, type ScrapeToolOptions } from './scrape.js';
import { createSearchWebTool, type SearchWebToolOptions } from './search-web.js';
import { sendEmailTool } from './send-email.js';
import { writeFileTool } from './write-file.js';

export interface BuiltInToolsOptions extends SearchWebToolOptions {
  /** Long-term memory for this run: adds remember and recall. Without it they are not offered. */
  memory?: MemoryToolsOptions;
  /**
   * Offer `scrape`, which reads the bundled pages (`true`: datasets/fixtures/content-corpus). Off by
   * default, so the tools every other run is offered, and the bundled eval's results, stay as they were.
   */
  scrape?: boolean | ScrapeToolOptions;
}

/** search_web, read_file, write_file, list_files, delete_file, calculator, send_email; remember and recall when memory is on; scrape when asked for. */
export function createBuiltInTools(options: BuiltInToolsOptions = {}): Tool[] {
  return [
    createSearchWebTool(options),
    readFileTool,
    writeFileTool,
    listFilesTool,
    deleteFileTool,
    calculatorTool,
    sendEmailTool,
    ...(options.memory ? [createRememberTool(options.memory), createRecallTool(options.memory)] : []),
    ...(options.scrape ? [createScrapeTool(options.scrape === true ? {} : options.scrape)] : []),
  ];
}

export interface DefaultRegistryOptions extends ToolRegistryOptions, BuiltInToolsOptions {}

/** A registry of every built-in tool, bound to one run's sandbox. Cheap: the corpus index is shared. */
export function createDefaultRegistry(options: DefaultRegistryOptions): ToolRegistry {
  return new ToolRegistry(createBuiltInTools(options), options);
}
