// One problem found in a config file, located by line and field path so a person can go and fix it.

export interface ConfigIssue {
  /** 1-based line in the file; absent when the problem has no place in it. */
  line?: number;
  /** Dotted field path such as `models.local-llama.baseURL`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** `agentlab.config.yaml:4: models.local-llama.baseURL: expected a URL`, the form editors and terminals link. */
export function formatConfigIssue(file: string, issue: ConfigIssue): string {
  const location = issue.line === undefined ? file : `${file}:${issue.line}`;
  return issue.path === '' ? `${location}: ${issue.message}` : `${location}: ${issue.path}: ${issue.message}`;
}
