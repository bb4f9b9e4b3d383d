// Maps a path from a tool call to a real location inside the sandbox root, or refuses it.
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { SandboxError } from './errors.js';

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function refuse(requested: string, why: string): SandboxError {
  return new SandboxError('AGENTLAB_SANDBOX_PATH_REFUSED', requested, `path "${requested}" refused: ${why}`);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The real location of the nearest part of `candidate` that exists, so that a symlink anywhere
 * on the way is followed before we decide whether the path stays inside. A dangling symlink is
 * refused outright: writing through it would create its target wherever it points.
 */
async function realpathOfDeepestExisting(candidate: string, requested: string): Promise<string> {
  let current = candidate;
  for (;;) {
    try {
      return await realpath(current);
    } catch (error) {
      if (!isMissing(error)) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw refuse(requested, `it cannot be resolved (${code})`);
      }
      const link = await lstat(current).catch(() => undefined);
      if (link?.isSymbolicLink()) throw refuse(requested, 'it goes through a symlink whose target does not exist');
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/**
 * Resolves `requested` (relative to the sandbox root) to an absolute path inside `realRoot`.
 * Refuses absolute paths, `..` escapes and symlinks whose real location lies outside. Checks
 * happen before the file operation, so a process racing us inside the sandbox could still swap
 * a directory for a symlink; the sandbox guards against a model's mistakes, not a local attacker.
 */
export async function resolveSandboxPath(realRoot: string, requested: string): Promise<string> {
  if (requested.includes('\0')) throw refuse(requested, 'it contains a NUL character');
  if (path.isAbsolute(requested) || path.win32.isAbsolute(requested)) {
    throw refuse(requested, 'absolute paths are not allowed; use a path relative to the sandbox');
  }
  const candidate = path.resolve(realRoot, requested);
  if (!isInside(realRoot, candidate)) throw refuse(requested, 'it leads outside the sandbox');
  const real = await realpathOfDeepestExisting(candidate, requested);
  if (!isInside(realRoot, real)) throw refuse(requested, 'it follows a symlink outside the sandbox');
  return candidate;
}
