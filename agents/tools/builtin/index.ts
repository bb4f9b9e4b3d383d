// Public surface of the built-in tools.
export { createBuiltInTools, createDefaultRegistry } from './built-in-tools.js';
export type { BuiltInToolsOptions, DefaultRegistryOptions } from './built-in-tools.js';
export { createSearchWebTool } from './search-web.js';
export type { SearchWebToolOptions } from './search-web.js';
export { createScrapeTool, formatPage } from './scrape.js';
export type { ScrapeToolOptions } from './scrape.js';
export { pageAddress, pageNameFromAddress } from './page-address.js';
export { readFileTool } from './read-file.js';
export { writeFileTool } from './write-file.js';
export { listFilesTool } from './list-files.js';
export { deleteFileTool } from './delete-file.js';
export { calculatorTool } from './calculator.js';
export { sendEmailTool } from './send-email.js';
export { evaluateExpression } from './math-evaluator.js';
export { createRememberTool } from './remember.js';
export { createRecallTool } from './recall.js';
export type { MemoryToolsOptions } from './memory-tools-options.js';
