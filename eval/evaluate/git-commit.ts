// The git commit of the code under test, recorded on each run; undefined outside a repository.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `directory` or a folder above it holds a `.git` (a repository's folder, or a worktree's file). */
async function insideRepository(directory: string): Promise<boolean> {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (await stat(path.join(current, '.git')).then(() => true, () => false)) return true;
    if (path.dirname(current) === current) return false;
  }
}

export async function currentGitCommit(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  // CI systems name the commit even when the checkout is shallow or detached.
  const fromEnvironment = env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.GIT_COMMIT;
  if (fromEnvironment) return fromEnvironment;
  // Outside a repository git would only say so: starting it costs an eval about 20 ms of its start-up.
  // git inherits this process's environment, where GIT_DIR can name a repository elsewhere.
  if (process.env.GIT_DIR === undefined && !(await insideRepository(cwd))) return undefined;
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
