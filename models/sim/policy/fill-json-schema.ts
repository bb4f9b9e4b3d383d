// Produces a value that conforms to a JSON Schema, taking suggested values ("hints") where they
// fit and inventing plain defaults where they do not.

export type JsonSchema = Record<string, unknown>;

interface FillContext {
  root: JsonSchema;
  /** Text used for required strings that no hint fills. */
  fallbackText: string;
}

function resolveReference(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const reference = schema.$ref;
  if (typeof reference !== 'string' || !reference.startsWith('#')) return schema;
  let target: unknown = root;
  for (const segment of reference.slice(2).split('/').filter(Boolean)) {
    target = (target as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof target === 'object' && target !== null ? resolveReference(target as JsonSchema, root) : {};
}

function schemaType(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') ?? type[0]) as string | undefined;
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function fitsType(value: unknown, schema: JsonSchema): boolean {
  const type = schemaType(schema);
  if (Array.isArray(schema.enum)) return schema.enum.some((option) => option === value);
  if (value === null) return type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'));
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return value !== undefined;
  }
}

function clampNumber(value: number, schema: JsonSchema, integer: boolean): number {
  let result = integer ? Math.round(value) : value;
  if (typeof schema.minimum === 'number') result = Math.max(result, schema.minimum);
  if (typeof schema.maximum === 'number') result = Math.min(result, schema.maximum);
  if (typeof schema.exclusiveMinimum === 'number' && result <= schema.exclusiveMinimum) result = schema.exclusiveMinimum + (integer ? 1 : 0.001);
  if (typeof schema.exclusiveMaximum === 'number' && result >= schema.exclusiveMaximum) result = schema.exclusiveMaximum - (integer ? 1 : 0.001);
  return result;
}

function fillString(hint: unknown, schema: JsonSchema, context: FillContext): string {
  // An object offered for a text field gives its first text (a plan step as an object or a string).
  const objectText = typeof hint === 'object' && hint !== null ? Object.values(hint).find((value) => typeof value === 'string') : undefined;
  let text = typeof hint === 'string' ? hint : typeof objectText === 'string' ? objectText : hint === undefined || hint === null ? context.fallbackText : String(hint);
  if (schema.format === 'date-time') text = '2025-01-01T00:00:00Z';
  else if (schema.format === 'date') text = '2025-01-01';
  else if (schema.format === 'email' && !text.includes('@')) text = 'someone@example.com';
  else if ((schema.format === 'uri' || schema.format === 'url') && !/^\w+:/.test(text)) text = 'https://example.com/';
  if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number' && text.length < schema.minLength) text = text.padEnd(schema.minLength, '.');
  return text;
}

function fill(schemaInput: JsonSchema, hint: unknown, context: FillContext): unknown {
  const schema = resolveReference(schemaInput, context.root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.includes(hint) ? hint : schema.enum[0];
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const resolved = alternatives.map((alternative) => resolveReference(alternative, context.root));
    const fitting = resolved.find((alternative) => hint !== undefined && fitsType(hint, alternative));
    const chosen = fitting ?? resolved.find((alternative) => schemaType(alternative) !== 'null') ?? resolved[0]!;
    return fill(chosen, hint, context);
  }
  if (Array.isArray(schema.allOf)) {
    const merged = Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => resolveReference(part, context.root))) as JsonSchema;
    return fill(merged, hint, context);
  }
  switch (schemaType(schema)) {
    case 'null':
      return null;
    case 'boolean':
      return typeof hint === 'boolean' ? hint : false;
    case 'integer':
    case 'number': {
      const integer = schemaType(schema) === 'integer';
      const base = typeof hint === 'number' ? hint : typeof schema.minimum === 'number' ? schema.minimum : 0;
      return clampNumber(base, schema, integer);
    }
    case 'string':
      return fillString(hint, schema, context);
    case 'array': {
      const itemSchema = (schema.items ?? {}) as JsonSchema;
      const hints = Array.isArray(hint) ? hint : [];
      const minimum = typeof schema.minItems === 'number' ? schema.minItems : hints.length > 0 ? 0 : 1;
      const maximum = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
      const count = Math.min(Math.max(hints.length, minimum), maximum);
      return Array.from({ length: count }, (_, index) => fill(itemSchema, hints[index], context));
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const hints = typeof hint === 'object' && hint !== null ? (hint as Record<string, unknown>) : {};
      const result: Record<string, unknown> = {};
      for (const [name, propertySchema] of Object.entries(properties)) {
        if (required.has(name) || name in hints) result[name] = fill(propertySchema, hints[name], context);
      }
      return result;
    }
    default:
      return hint ?? context.fallbackText;
  }
}

/** A value conforming to `schema`, preferring the hinted values. */
export function fillJsonSchema(schema: JsonSchema, hints: unknown, fallbackText: string): unknown {
  return fill(schema, hints, { root: schema, fallbackText });
}
