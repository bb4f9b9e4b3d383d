// The delete_file tool: removes one file from the run's sandbox. Destructive, so a run must
// allow it or an approver must say yes.
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

export const deleteFileTool = defineTool({
  name: 'delete_file',
  description: 'Delete a file from the workspace. This cannot be undone.',
  permission: 'destructive',
  parameters: z.object({
    path: z.string().min(1).describe('Path of the file to delete, relative to the workspace root'),
  }),
  async execute({ path }, { sandbox }) {
    return `Deleted ${await sandbox.deleteFile(path)}`;
  },
});
