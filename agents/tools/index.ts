// Public surface of agent tools: declaring them, the registry that runs them, permissions,
// the per-run sandbox, the corpus search and the built-in tool set.
export { defineTool, toolJsonSchema, toToolDefinition } from './define-tool.js';
export type { Tool, ToolContext, ToolParameters } from './define-tool.js';
export { ToolRegistry } from './tool-registry.js';
export type { ToolRegistryOptions } from './tool-registry.js';
export type { ToolCall, ToolExecution, ToolExecutionErrorCode, ToolExecutionOptions } from './tool-execution.js';
export { decidePermission, needsApproval, permissionLevels, permissionSchema, toolApprovalSettings } from './permission.js';
export type { ApprovalGate, ApprovalRequest, ApprovalRules, ApprovalVerdict, GateDecision, Permission, PermissionDecision, ToolApprovalSetting } from './permission.js';
export { Sandbox, createSandbox } from './sandbox.js';
export type { CreateSandboxOptions, SandboxLimits, SandboxWrite } from './sandbox.js';
export type { SandboxEntry, SandboxListing } from './list-sandbox-entries.js';
export { CorpusIndex, loadCorpusIndex } from './corpus/index.js';
export type { CorpusDocument, CorpusHit } from './corpus/index.js';
export {
  calculatorTool,
  createBuiltInTools,
  createDefaultRegistry,
  createRecallTool,
  createRememberTool,
  createScrapeTool,
  createSearchWebTool,
  deleteFileTool,
  evaluateExpression,
  listFilesTool,
  pageAddress,
  pageNameFromAddress,
  readFileTool,
  sendEmailTool,
  writeFileTool,
} from './builtin/index.js';
export type { BuiltInToolsOptions, DefaultRegistryOptions, MemoryToolsOptions, ScrapeToolOptions, SearchWebToolOptions } from './builtin/index.js';
export { CorpusError, ExpressionError, SandboxError, ScrapeError, ToolDefinitionError, ToolError } from './errors.js';
export type { ToolErrorCode } from './errors.js';
export {
  CONTENT_CORPUS_DIRECTORY,
  CORPUS_PAGE_ORIGIN,
  DEFAULT_ALLOWED_PERMISSIONS,
  DEFAULT_CORPUS_DIRECTORY,
  DEFAULT_MAX_READ_BYTES,
  DEFAULT_MAX_WRITE_BYTES,
  DEFAULT_SANDBOX_FIXTURES_DIRECTORY,
  DEFAULT_TOOL_TIMEOUT_MS,
  OUTBOX_FILE,
} from './constants.js';
