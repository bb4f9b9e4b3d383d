// The error catalogue of models/: a shared base class with a stable code, and the errors a user can see here.
import { formatConfigIssue } from './config-issue.js';
import type { ConfigIssue } from './config-issue.js';

/** Base of every agentlab error: a stable `code` to branch on and the `cause` passed on. */
export class AgentlabError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A model reference string that names nothing agentlab can open. */
export class ModelReferenceError extends AgentlabError {
  readonly reference: string;

  constructor(reference: string, message: string) {
    super('AGENTLAB_MODEL_REFERENCE_INVALID', message);
    this.reference = reference;
  }
}

/** An agentlab config file with YAML or schema problems; `issues` lists every one of them. */
export class ConfigFileError extends AgentlabError {
  readonly file: string;
  readonly issues: ConfigIssue[];

  /** `file` is the path as shown to the user; `issues` are every problem found, in file order. */
  constructor(file: string, issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  ${formatConfigIssue(file, issue)}`);
    const noun = issues.length === 1 ? 'problem' : 'problems';
    super('AGENTLAB_CONFIG_INVALID', `${file} has ${issues.length} ${noun}:\n${lines.join('\n')}`);
    this.file = file;
    this.issues = issues;
  }
}

/** A config file named explicitly (for example with --config) that does not exist or cannot be read. */
export class ConfigFileNotFoundError extends AgentlabError {
  readonly file: string;

  constructor(file: string, cause?: unknown) {
    super('AGENTLAB_CONFIG_NOT_FOUND', `Config file ${file} does not exist or cannot be read.`, { cause });
    this.file = file;
  }
}

/** A model needs an API key from an environment variable that is not set. */
export class ApiKeyMissingError extends AgentlabError {
  readonly reference: string;
  readonly variable: string;

  constructor(reference: string, variable: string) {
    super(
      'AGENTLAB_API_KEY_MISSING',
      `Model ${reference} needs an API key: set the environment variable ${variable}.`,
    );
    this.reference = reference;
    this.variable = variable;
  }
}

/** A model endpoint's base URL (from OPENAI_BASE_URL or a config definition) that is not an http(s) URL. */
export class BaseUrlInvalidError extends AgentlabError {
  readonly reference: string;
  readonly baseURL: string;

  constructor(reference: string, baseURL: string, source: string, cause?: unknown) {
    super(
      'AGENTLAB_BASE_URL_INVALID',
      `Model ${reference}: ${source} is not an http:// or https:// URL: "${baseURL}".`,
      { cause },
    );
    this.reference = reference;
    this.baseURL = baseURL;
  }
}
