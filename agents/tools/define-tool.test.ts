// Tool declarations: the JSON Schema the model sees is derived from the zod schema.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, toToolDefinition } from './define-tool.js';
import { ToolDefinitionError } from './errors.js';

const lookup = defineTool({
  name: 'lookup',
  description: 'Look a word up.',
  permission: 'read',
  parameters: z.object({
    word: z.string().min(1).describe('The word'),
    language: z.enum(['en', 'fr']).default('en'),
    limit: z.number().int().optional(),
  }),
  async execute({ word }) {
    return word;
  },
});

describe('toToolDefinition', () => {
  it('derives the OpenAI function entry from the zod schema', () => {
    const definition = toToolDefinition(lookup);
    expect(definition.type).toBe('function');
    expect(definition.function.name).toBe('lookup');
    expect(definition.function.description).toBe('Look a word up.');
    const parameters = definition.function.parameters!;
    expect(parameters).not.toHaveProperty('$schema');
    expect(parameters).toMatchObject({
      type: 'object',
      properties: {
        word: { type: 'string', minLength: 1, description: 'The word' },
        language: { type: 'string', enum: ['en', 'fr'], default: 'en' },
        limit: { type: 'integer' },
      },
    });
    // Fields with defaults or marked optional are not required of the model.
    expect(parameters.required).toEqual(['word']);
  });
});

describe('defineTool', () => {
  it('rejects names the OpenAI API would refuse', () => {
    expect(() =>
      defineTool({ ...lookup, name: 'look up!' }),
    ).toThrow(ToolDefinitionError);
  });
});
