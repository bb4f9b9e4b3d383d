// The request body of an HTTP target: agentlab's default JSON, or the config's template with
// {{goal}}, {{case_id}}, {{epoch}}, {{seed}}, {{model.base_url}}, {{model.api_key}}, {{model.model}},
// {{traceparent}} and {{env.NAME}} filled in, as promptfoo's HTTP provider does with its variables.
// A string that is exactly one placeholder takes the value's own type (a number stays a number).

export type TemplateValues = Readonly<Record<string, string | number>>;

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*([\w.]+)\s*\}\}$/;

function lookup(name: string, values: TemplateValues, env: Readonly<Record<string, string | undefined>>): string | number | undefined {
  if (name.startsWith('env.')) return env[name.slice(4)];
  return values[name];
}

export function fillTemplate(template: unknown, values: TemplateValues, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof template === 'string') {
    const whole = wholePlaceholder.exec(template);
    if (whole) return lookup(whole[1]!, values, env) ?? template;
    return template.replace(placeholder, (match, name: string) => {
      const value = lookup(name, values, env);
      return value === undefined ? match : String(value);
    });
  }
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, values, env));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, values, env)]));
  }
  return template;
}

/** The placeholders a template uses that have no value: reported before any case runs. */
export function unknownPlaceholders(template: unknown, known: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(placeholder)) if (!known.includes(match[1]!) && !match[1]!.startsWith('env.')) found.add(match[1]!);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(template);
  return [...found];
}
