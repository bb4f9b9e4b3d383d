// Turns Node's file-system errors into sandbox errors that name the path the model used, never
// the sandbox's absolute location on disk.
import { SandboxError } from './errors.js';

export function toSandboxError(error: unknown, requested: string, operation: string): unknown {
  if (error instanceof SandboxError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const options = { cause: error };
  switch (code) {
    case 'ENOENT':
      return new SandboxError('AGENTLAB_SANDBOX_NOT_FOUND', requested, `no such file or directory: ${requested}`, options);
    case 'ENOTDIR':
      return new SandboxError('AGENTLAB_SANDBOX_NOT_FOUND', requested, `no such file or directory: ${requested} (a parent is a file)`, options);
    case 'EISDIR':
      return new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', requested, `${requested} is a directory, not a file`, options);
    case 'EEXIST':
      return new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', requested, `cannot ${operation} ${requested}: a file is in the way`, options);
    case 'ABORT_ERR':
      return error;
    default:
      return new SandboxError(
        'AGENTLAB_SANDBOX_IO_FAILED',
        requested,
        `cannot ${operation} ${requested}${code ? ` (${code})` : ''}`,
        options,
      );
  }
}
