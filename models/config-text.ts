// Parses the text of agentlab.config.yaml: YAML, then the schema, with every problem reported at once
// with its line. Loaded only when a config file exists (the YAML parser is not small).
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Document } from 'yaml';
import { agentlabConfigSchema } from './config-schema.js';
import type { AgentlabConfig } from './config-schema.js';
import type { ConfigIssue } from './config-issue.js';
import { ConfigFileError } from './errors.js';
import { lineOfPath } from './yaml-locations.js';

/** Parses config YAML; `file` names the source in messages. Throws ConfigFileError listing every problem. */
export function parseConfigText(text: string, file: string): AgentlabConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => ({
      line: lineCounter.linePos(error.pos[0]).line,
      path: '',
      message: `YAML syntax: ${error.message}`,
    }));
    throw new ConfigFileError(file, issues);
  }
  const result = agentlabConfigSchema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => toConfigIssues(issue, document, lineCounter));
  issues.sort((first, second) => (first.line ?? 0) - (second.line ?? 0));
  throw new ConfigFileError(file, issues);
}

function toConfigIssues(issue: z.core.$ZodIssue, document: Document, lineCounter: LineCounter): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const accepted = fieldsAt(agentlabConfigSchema, issue.path);
    return issue.keys.map((key) => {
      const keyPath = [...issue.path, key];
      return {
        line: lineOfPath(document, lineCounter, keyPath),
        path: formatPath(keyPath),
        message: describeUnknownField(key, accepted),
      };
    });
  }
  const message = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : issue.message;
  return [{ line: lineOfPath(document, lineCounter, issue.path), path: formatPath(issue.path), message }];
}

function describeUnknownField(key: string, accepted: string[]): string {
  const normalise = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  const suggestion = accepted.find((field) => normalise(field) === normalise(key));
  const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
  return `unknown field${hint}; accepted fields: ${accepted.join(', ')}`;
}

/** The field names the schema accepts for the mapping at `fieldPath`. */
function fieldsAt(schema: z.ZodType, fieldPath: readonly PropertyKey[]): string[] {
  let current: z.ZodType = schema;
  const remaining = [...fieldPath];
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else if (remaining.length === 0) break;
    else if (current instanceof z.ZodObject) current = current.shape[String(remaining.shift())] as z.ZodType;
    else if (current instanceof z.ZodRecord) {
      remaining.shift();
      current = current.valueType as z.ZodType;
    } else return [];
    if (current === undefined) return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** `models.local-llama.baseURL`; keys that would read ambiguously are quoted, as in `prices["gpt-4.1"]`. */
function formatPath(fieldPath: readonly PropertyKey[]): string {
  return fieldPath
    .map((segment, index) => {
      const key = String(segment);
      if (typeof segment === 'number') return `[${key}]`;
      if (/[.\s[\]"]/.test(key)) return `[${JSON.stringify(key)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}
