// Each worker's tool registry: the built-in tools (search_web over the curriculum pages, scrape,
// calculator, write_file…), the formatter's validate_lesson_package and any extra tools the caller
// passes, filtered to the names the settings give the worker. A name no tool has is left out.
import { CONTENT_CORPUS_DIRECTORY, createBuiltInTools, ToolRegistry, type Sandbox, type Tool } from '../agents/index.js';
import { contentWorkers, type ContentWorker } from './constants.js';
import type { ContentSettings } from './content-settings.js';
import { validateLessonPackageTool } from './validate-tool.js';

export interface WorkerToolsOptions {
  sandbox: Sandbox;
  /** What search_web searches: the bundled curriculum pages (datasets/fixtures/content-corpus) by default, which scrape reads. */
  corpusDirectory?: string;
  /** More tools to choose from by name, e.g. a scrape tool before the built-in set has one. */
  extraTools?: readonly Tool[];
}

export function workerRegistries(settings: ContentSettings, options: WorkerToolsOptions): Record<ContentWorker, ToolRegistry> {
  const catalogue = new Map<string, Tool>();
  for (const tool of [...createBuiltInTools({ corpusDirectory: options.corpusDirectory ?? CONTENT_CORPUS_DIRECTORY, scrape: true }), validateLessonPackageTool, ...(options.extraTools ?? [])]) {
    catalogue.set(tool.name, tool);
  }
  const registries = {} as Record<ContentWorker, ToolRegistry>;
  for (const worker of contentWorkers) {
    const tools = settings.workers[worker].tools.map((name) => catalogue.get(name)).filter((tool): tool is Tool => tool !== undefined);
    registries[worker] = new ToolRegistry(tools, { sandbox: options.sandbox });
  }
  return registries;
}
