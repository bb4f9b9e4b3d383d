// The errors tools raise, each with a stable code. The registry turns them into `Error: ...`
// tool results; only ToolDefinitionError (a programming mistake) ever reaches the caller.

export type ToolErrorCode =
  | 'AGENTLAB_TOOL_DEFINITION_INVALID'
  | 'AGENTLAB_SANDBOX_PATH_REFUSED'
  | 'AGENTLAB_SANDBOX_NOT_FOUND'
  | 'AGENTLAB_SANDBOX_WRONG_KIND'
  | 'AGENTLAB_SANDBOX_LIMIT_EXCEEDED'
  | 'AGENTLAB_SANDBOX_IO_FAILED'
  | 'AGENTLAB_CALCULATOR_EXPRESSION_INVALID'
  | 'AGENTLAB_CORPUS_UNREADABLE'
  | 'AGENTLAB_SCRAPE_ADDRESS_REFUSED'
  | 'AGENTLAB_SCRAPE_PAGE_NOT_FOUND';

export class ToolError extends Error {
  readonly code: ToolErrorCode;

  constructor(code: ToolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A tool is declared wrongly (bad name, duplicate name). Thrown when the registry is built. */
export class ToolDefinitionError extends ToolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AGENTLAB_TOOL_DEFINITION_INVALID', message, options);
  }
}

/** A path or file operation the sandbox refuses or cannot carry out. */
export class SandboxError extends ToolError {
  /** The path as the tool call gave it. */
  readonly path: string;

  constructor(
    code: Extract<ToolErrorCode, `AGENTLAB_SANDBOX_${string}`>,
    path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.path = path;
  }
}

/** The calculator was given something that is not a plain mathematical expression. */
export class ExpressionError extends ToolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AGENTLAB_CALCULATOR_EXPRESSION_INVALID', message, options);
  }
}

/** The corpus directory is missing or holds no readable documents. */
export class CorpusError extends ToolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AGENTLAB_CORPUS_UNREADABLE', message, options);
  }
}

/** `scrape` was given an address outside the bundled pages, or one no page has. */
export class ScrapeError extends ToolError {
  /** The address as the tool call gave it. */
  readonly address: string;

  constructor(code: Extract<ToolErrorCode, `AGENTLAB_SCRAPE_${string}`>, address: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.address = address;
  }
}
