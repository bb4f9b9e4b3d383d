// The write_file tool: creates or replaces a text file in the run's sandbox.
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Write text to a file in the workspace, replacing it if it exists. Parent folders are created as needed.',
  permission: 'write',
  parameters: z.object({
    path: z.string().min(1).describe('Path of the file, relative to the workspace root, e.g. "notes/summary.md"'),
    content: z.string().describe('The full text to write'),
  }),
  async execute({ path, content }, { sandbox, signal }) {
    const written = await sandbox.writeText(path, content, signal);
    return `Wrote ${written.bytes} bytes to ${written.path}`;
  },
});
