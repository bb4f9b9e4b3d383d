// The formatter's `validate_lesson_package` tool: checks a package's JSON against the lesson package
// schema. A package that fails is a tool failure whose message lists every problem.
import { z } from 'zod';
import { defineTool } from '../agents/index.js';
import { validateLessonPackage } from './lesson-package.js';

export const validateLessonPackageTool = defineTool({
  name: 'validate_lesson_package',
  description: 'Check a lesson package (its JSON text) against the lesson package schema; lists every problem.',
  permission: 'read',
  parameters: z.object({ package: z.string().describe('The lesson package as JSON text') }),
  async execute({ package: text }) {
    let candidate: unknown;
    try {
      candidate = JSON.parse(text);
    } catch (error) {
      throw new Error(`the package is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const validation = validateLessonPackage(candidate);
    if (!validation.ok) throw new Error(`the package is not valid:\n${validation.errors.join('\n')}`);
    return 'The lesson package is valid.';
  },
});
