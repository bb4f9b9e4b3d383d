// The read_file tool: returns a text file from the run's sandbox.
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

export const readFileTool = defineTool({
  name: 'read_file',
  description: 'Read a text file from the workspace and return its contents.',
  permission: 'read',
  parameters: z.object({
    path: z.string().min(1).describe('Path of the file, relative to the workspace root, e.g. "notes.txt"'),
  }),
  async execute({ path }, { sandbox, signal }) {
    const content = await sandbox.readText(path, signal);
    return content === '' ? `(${path} is empty)` : content;
  },
});
