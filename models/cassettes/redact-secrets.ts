// Secrets never reach a cassette: API keys are not recorded (no request header is), and any value of
// a key variable that turns up in a body is replaced before the line is hashed and written, so a
// cassette committed to a repository gives nothing away.
import { MIN_SECRET_LENGTH, REDACTED } from './constants.js';

export type Redactor = (text: string) => string;

/** Replaces every occurrence of each secret (at least MIN_SECRET_LENGTH characters) with REDACTED. */
export function secretRedactor(secrets: Iterable<string | undefined>): Redactor {
  const values = [...new Set([...secrets].map((secret) => secret?.trim() ?? '').filter((secret) => secret.length >= MIN_SECRET_LENGTH))];
  // Longest first, so that a key containing another is replaced whole.
  values.sort((first, second) => second.length - first.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let redacted = text;
    for (const value of values) if (redacted.includes(value)) redacted = redacted.split(value).join(REDACTED);
    return redacted;
  };
}

/** The values of the variables that hold API keys: OPENAI_API_KEY and each configured model's apiKeyEnv. */
export function secretValues(env: Readonly<Record<string, string | undefined>>, variables: Iterable<string>): string[] {
  return [...variables].map((name) => env[name]).filter((value): value is string => value !== undefined);
}
