// Each worker's tool registry: the built-in tools (search_web, calculator, write_file…, and scrape once
// the built-in set has it), the formatter's validate_lesson_package and any extra tools the caller
// passes, filtered to the names the settings give the worker. A name no tool has is left out.
import { createBuiltInTools, ToolRegistry, type Sandbox, type Tool } from '../agents/index.js';
import { contentWorkers, type ContentWorker } from './constants.js';
import type { ContentSettings } from './content-settings.js';
import { validateLessonPackageTool } from './validate-tool.js';

export interface WorkerToolsOptions {
  sandbox: Sandbox;
  corpusDirectory?: string;
  /** More tools to choose from by name, e.g. a scrape tool before the built-in set has one. */
  extraTools?: readonly Tool[];
}

export function workerRegistries(settings: ContentSettings, options: WorkerToolsOptions): Record<ContentWorker, ToolRegistry> {
  const catalogue = new Map<string, Tool>();
  for (const tool of [...createBuiltInTools(options.corpusDirectory === undefined ? {} : { corpusDirectory: options.corpusDirectory }), validateLessonPackageTool, ...(options.extraTools ?? [])]) {
    catalogue.set(tool.name, tool);
  }
  const registries = {} as Record<ContentWorker, ToolRegistry>;
  for (const worker of contentWorkers) {
    const tools = settings.workers[worker].tools.map((name) => catalogue.get(name)).filter((tool): tool is Tool => tool !== undefined);
    registries[worker] = new ToolRegistry(tools, { sandbox: options.sandbox });
  }
  return registries;
}
