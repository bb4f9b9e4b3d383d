// Walks a sandbox directory for list_files: sorted, depth-first, never following symlinks.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface SandboxEntry {
  /** Relative to the sandbox root, with forward slashes. */
  path: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** Bytes, for files; 0 otherwise. */
  size: number;
}

export interface SandboxListing {
  entries: SandboxEntry[];
  /** Entries left out because the listing reached its limit. */
  omitted: number;
}

export async function listSandboxEntries(
  directory: string,
  display: (absolutePath: string) => string,
  maxEntries: number,
): Promise<SandboxListing> {
  const listing: SandboxListing = { entries: [], omitted: 0 };
  const visit = async (current: string): Promise<void> => {
    const names = (await readdir(current)).sort();
    for (const name of names) {
      const absolute = path.join(current, name);
      const info = await lstat(absolute);
      const kind = info.isSymbolicLink()
        ? 'symlink'
        : info.isDirectory()
          ? 'directory'
          : info.isFile()
            ? 'file'
            : 'other';
      if (listing.entries.length < maxEntries) {
        listing.entries.push({ path: display(absolute), kind, size: kind === 'file' ? info.size : 0 });
      } else {
        listing.omitted += 1;
      }
      if (kind === 'directory') await visit(absolute);
    }
  };
  await visit(directory);
  return listing;
}
