// The sandbox on a real file system: fixtures copied in, escapes and outside symlinks refused,
// size limits enforced, errors naming the model's path.
import { mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_FIXTURES_DIRECTORY } from './constants.js';
import { SandboxError } from './errors.js';
import { createSandbox, type Sandbox } from './sandbox.js';

let sandbox: Sandbox;
let outside: string;

beforeEach(async () => {
  sandbox = await createSandbox({
    fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY,
    limits: { maxReadBytes: 1000, maxWriteBytes: 500 },
  });
  outside = await mkdtemp(path.join(os.tmpdir(), 'agentlab-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), 'top secret');
});

afterEach(async () => {
  await sandbox.remove();
  await rm(outside, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<SandboxError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SandboxError);
  return error as SandboxError;
}

describe('createSandbox', () => {
  it('makes a fresh directory per run seeded with the fixtures', async () => {
    const other = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
    expect(other.root).not.toBe(sandbox.root);
    expect(await sandbox.readText('data/sales.csv')).toContain('region,quarter,units,revenue_eur');
    await other.remove();
    await expect(stat(other.root)).rejects.toThrow();
  });

  it('starts empty without fixtures and can live under a chosen parent', async () => {
    const empty = await createSandbox({ parentDirectory: outside });
    expect(path.dirname(empty.root)).toBe(await realpath(outside));
    expect((await empty.list('.', 10)).entries).toEqual([]);
    await empty.remove();
  });

  it('reports a missing fixtures directory', async () => {
    const error = await refusal(createSandbox({ fixtures: path.join(outside, 'missing') }));
    expect(error.code).toBe('AGENTLAB_SANDBOX_NOT_FOUND');
  });

  it('when lazy, makes nothing on disk until the first file operation, then has the fixtures', async () => {
    const lazy = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY, parentDirectory: outside, lazy: true });
    await expect(stat(lazy.root)).rejects.toThrow();
    expect(await lazy.readText('data/sales.csv')).toContain('region,quarter,units,revenue_eur');
    expect((await stat(lazy.root)).isDirectory()).toBe(true);
    expect((await stat(lazy.root)).mode & 0o777).toBe(0o700);
    await lazy.remove();
    await expect(stat(lazy.root)).rejects.toThrow();
  });

  it('when lazy and never used, removes without error and leaves nothing behind', async () => {
    const lazy = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY, parentDirectory: outside, lazy: true });
    await lazy.remove();
    await expect(stat(lazy.root)).rejects.toThrow();
  });

  it('when lazy, still reports a missing fixtures directory at once', async () => {
    const error = await refusal(createSandbox({ fixtures: path.join(outside, 'missing'), lazy: true }));
    expect(error.code).toBe('AGENTLAB_SANDBOX_NOT_FOUND');
  });
});

describe('Sandbox paths', () => {
  it('refuses .. escapes', async () => {
    const error = await refusal(sandbox.readText('../x'));
    expect(error.code).toBe('AGENTLAB_SANDBOX_PATH_REFUSED');
    expect(error.message).toBe('path "../x" refused: it leads outside the sandbox');
    await refusal(sandbox.writeText('data/../../escape.txt', 'x'));
  });

  it('refuses absolute paths', async () => {
    const error = await refusal(sandbox.readText('/etc/passwd'));
    expect(error.message).toContain('path "/etc/passwd" refused: absolute paths are not allowed');
  });

  it('allows names that merely start with two dots', async () => {
    await sandbox.writeText('..notes', 'fine');
    expect(await sandbox.readText('..notes')).toBe('fine');
  });

  it('refuses a symlink that points outside, for reads and writes through it', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(sandbox.root, 'link.txt'));
    await symlink(outside, path.join(sandbox.root, 'linked-dir'));
    expect((await refusal(sandbox.readText('link.txt'))).message).toContain('symlink outside the sandbox');
    await refusal(sandbox.writeText('linked-dir/new.txt', 'x'));
    await refusal(sandbox.deleteFile('link.txt'));
    await expect(stat(path.join(outside, 'new.txt'))).rejects.toThrow();
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
  });

  it('refuses a dangling symlink that would create a file outside', async () => {
    await symlink(path.join(outside, 'created.txt'), path.join(sandbox.root, 'dangling.txt'));
    await refusal(sandbox.writeText('dangling.txt', 'x'));
    await expect(stat(path.join(outside, 'created.txt'))).rejects.toThrow();
  });

  it('refuses a symlink loop without showing where the sandbox lives', async () => {
    await symlink(path.join(sandbox.root, 'loop-b'), path.join(sandbox.root, 'loop-a'));
    await symlink(path.join(sandbox.root, 'loop-a'), path.join(sandbox.root, 'loop-b'));
    const error = await refusal(sandbox.readText('loop-a'));
    expect(error.message).toBe('path "loop-a" refused: it cannot be resolved (ELOOP)');
  });

  it('follows a symlink that stays inside', async () => {
    await symlink(path.join(sandbox.root, 'notes.txt'), path.join(sandbox.root, 'alias.txt'));
    expect(await sandbox.readText('alias.txt')).toContain('Project Falcon');
  });
});

describe('Sandbox limits', () => {
  it('refuses to read a file over the read limit', async () => {
    await writeFile(path.join(sandbox.root, 'big.txt'), 'a'.repeat(1001));
    const error = await refusal(sandbox.readText('big.txt'));
    expect(error.code).toBe('AGENTLAB_SANDBOX_LIMIT_EXCEEDED');
    expect(error.message).toBe('big.txt is 1001 bytes, over the read limit of 1000 bytes');
  });

  it('refuses a write over the write limit, counting bytes not characters', async () => {
    const error = await refusal(sandbox.writeText('big.txt', 'é'.repeat(251)));
    expect(error.message).toBe('writing 502 bytes to big.txt is over the write limit of 500 bytes');
    await expect(stat(path.join(sandbox.root, 'big.txt'))).rejects.toThrow();
  });
});

describe('Sandbox files', () => {
  it('writes, creating parent directories, and reads back', async () => {
    expect(await sandbox.writeText('reports/2025/summary.md', 'hello')).toEqual({
      path: 'reports/2025/summary.md',
      bytes: 5,
    });
    expect(await sandbox.readText('reports/2025/summary.md')).toBe('hello');
  });

  it('names the path the model used when a file is missing or is a directory', async () => {
    expect((await refusal(sandbox.readText('nope.txt'))).message).toBe('no such file or directory: nope.txt');
    expect((await refusal(sandbox.readText('data'))).code).toBe('AGENTLAB_SANDBOX_WRONG_KIND');
    expect((await refusal(sandbox.deleteFile('data'))).code).toBe('AGENTLAB_SANDBOX_WRONG_KIND');
    expect((await refusal(sandbox.writeText('.', 'x'))).code).toBe('AGENTLAB_SANDBOX_WRONG_KIND');
  });

  it('never shows the absolute sandbox location in an error', async () => {
    const error = await refusal(sandbox.writeText('notes.txt/inner.txt', 'x'));
    expect(error.message).toContain('notes.txt/inner.txt');
    expect(error.message).not.toContain(sandbox.root);
  });

  it('lists entries recursively, sorted, up to a limit', async () => {
    const listing = await sandbox.list('.', 3);
    expect(listing.entries.map((entry) => entry.path)).toEqual(['config.json', 'data', 'data/sales.csv']);
    expect(listing.entries[1]!.kind).toBe('directory');
    expect(listing.omitted).toBe(3);
  });
});
