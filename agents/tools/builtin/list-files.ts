// The list_files tool: the files and folders under a sandbox path, with sizes.
import { z } from 'zod';
import { LIST_FILES_MAX_ENTRIES } from '../constants.js';
import { defineTool } from '../define-tool.js';
import type { SandboxEntry } from '../list-sandbox-entries.js';

function describeEntry(entry: SandboxEntry): string {
  switch (entry.kind) {
    case 'directory':
      return `${entry.path}/`;
    case 'file':
      return `${entry.path} (${entry.size} bytes)`;
    case 'symlink':
      return `${entry.path} (symlink)`;
    case 'other':
      return `${entry.path} (special file)`;
  }
}

export const listFilesTool = defineTool({
  name: 'list_files',
  description:
    'List the files and folders in the workspace (recursively), with file sizes. Paths are relative to the workspace root.',
  permission: 'read',
  parameters: z.object({
    path: z.string().min(1).default('.').describe('Folder to list, relative to the workspace root; "." for all'),
  }),
  async execute({ path }, { sandbox }) {
    const listing = await sandbox.list(path, LIST_FILES_MAX_ENTRIES);
    if (listing.entries.length === 0) return `(${path} is empty)`;
    const lines = listing.entries.map(describeEntry);
    if (listing.omitted > 0) lines.push(`... and ${listing.omitted} more entries`);
    return lines.join('\n');
  },
});
