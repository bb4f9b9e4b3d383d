import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentGitCommit } from './git-commit.js';

const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'agentlab-git-commit-'));
  folders.push(folder);
  return folder;
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const quietGit = { GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.com' };

describe('currentGitCommit', () => {
  it('reads HEAD of the repository the eval runs in, from a folder below its root', async () => {
    const repository = temporaryFolder();
    execFileSync('git', ['init', '-q'], { cwd: repository });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'first'], { cwd: repository, env: { ...process.env, ...quietGit } });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repository, encoding: 'utf8' }).trim();
    const below = path.join(repository, 'evals', 'nightly');
    mkdirSync(below, { recursive: true });
    expect(await currentGitCommit(below, {})).toBe(head);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
  });

  it('is undefined outside any repository', async () => {
    expect(await currentGitCommit(temporaryFolder(), {})).toBeUndefined();
  });

  it('takes the commit CI names over the checkout', async () => {
    expect(await currentGitCommit(temporaryFolder(), { GITHUB_SHA: 'abc123' })).toBe('abc123');
    expect(await currentGitCommit(temporaryFolder(), { CI_COMMIT_SHA: 'def456' })).toBe('def456');
  });
});
