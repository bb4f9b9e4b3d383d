// The git commit of the code under test, recorded on each run; undefined outside a repository.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function currentGitCommit(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  // CI systems name the commit even when the checkout is shallow or detached.
  const fromEnvironment = env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.GIT_COMMIT;
  if (fromEnvironment) return fromEnvironment;
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
