// A per-run directory that file tools are confined to, seeded from fixtures and removed after.
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, realpath, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_READ_BYTES, DEFAULT_MAX_WRITE_BYTES, SANDBOX_DIRECTORY_PREFIX } from './constants.js';
import { SandboxError } from './errors.js';
import { toSandboxError } from './file-system-error.js';
import { listSandboxEntries, type SandboxListing } from './list-sandbox-entries.js';
import { resolveSandboxPath } from './sandbox-path.js';

export interface SandboxLimits {
  /** Largest file, in bytes, that can be read. */
  maxReadBytes: number;
  /** Largest content, in bytes, that one write or append may carry. */
  maxWriteBytes: number;
}

export interface CreateSandboxOptions {
  /** A directory whose contents are copied in; the sandbox starts empty without it. */
  fixtures?: string;
  /** Where to create the sandbox directory; defaults to the system temp directory. */
  parentDirectory?: string;
  limits?: Partial<SandboxLimits>;
  /**
   * Make the directory and copy the fixtures on the first file operation instead of now, so a run
   * that never touches a file costs nothing (most eval cases). The fixtures must still exist now.
   */
  lazy?: boolean;
}

/** What a write did, with the path as shown to the model. */
export interface SandboxWrite {
  path: string;
  bytes: number;
}

export class Sandbox {
  /** The sandbox directory, with symlinks in its own location resolved. */
  readonly root: string;
  readonly limits: SandboxLimits;
  private readonly fixtures: string | undefined;
  private made: Promise<void> | undefined;

  constructor(root: string, limits: SandboxLimits, fixtures?: string) {
    this.root = root;
    this.limits = limits;
    this.fixtures = fixtures;
  }

  /** Makes the directory and copies the fixtures in, once; every file operation waits for it. */
  materialize(): Promise<void> {
    this.made ??= this.make();
    return this.made;
  }

  /** The absolute path for a sandbox-relative one; refuses anything that would lead outside. */
  async resolve(relativePath: string): Promise<string> {
    await this.materialize();
    return resolveSandboxPath(this.root, relativePath);
  }

  /** How a path is shown back to the model: relative to the root, with forward slashes. */
  display(absolutePath: string): string {
    return path.relative(this.root, absolutePath).split(path.sep).join('/') || '.';
  }

  async readText(relativePath: string, signal?: AbortSignal): Promise<string> {
    const absolute = await this.resolve(relativePath);
    const shown = this.display(absolute);
    try {
      const info = await stat(absolute);
      if (info.isDirectory()) {
        throw new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', relativePath, `${shown} is a directory; use list_files to see what it holds`);
      }
      if (info.size > this.limits.maxReadBytes) {
        throw new SandboxError(
          'AGENTLAB_SANDBOX_LIMIT_EXCEEDED',
          relativePath,
          `${shown} is ${info.size} bytes, over the read limit of ${this.limits.maxReadBytes} bytes`,
        );
      }
      return await readFile(absolute, { encoding: 'utf8', signal });
    } catch (error) {
      throw toSandboxError(error, shown, 'read');
    }
  }

  /** Writes (replacing) a file, creating its parent directories. */
  async writeText(relativePath: string, content: string, signal?: AbortSignal): Promise<SandboxWrite> {
    const { absolute, shown, bytes } = await this.prepareWrite(relativePath, content);
    try {
      await mkdir(path.dirname(absolute), { recursive: true });
      await writeFile(absolute, content, { encoding: 'utf8', signal });
      return { path: shown, bytes };
    } catch (error) {
      throw toSandboxError(error, shown, 'write');
    }
  }

  /** Appends to a file, creating it and its parents when missing. */
  async appendText(relativePath: string, content: string): Promise<SandboxWrite> {
    const { absolute, shown, bytes } = await this.prepareWrite(relativePath, content);
    try {
      await mkdir(path.dirname(absolute), { recursive: true });
      await appendFile(absolute, content, 'utf8');
      return { path: shown, bytes };
    } catch (error) {
      throw toSandboxError(error, shown, 'append to');
    }
  }

  /** Deletes one file (not a directory) and returns its path as shown to the model. */
  async deleteFile(relativePath: string): Promise<string> {
    const absolute = await this.resolve(relativePath);
    const shown = this.display(absolute);
    try {
      if ((await stat(absolute)).isDirectory()) {
        throw new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', relativePath, `${shown} is a directory; only files can be deleted`);
      }
      await unlink(absolute);
      return shown;
    } catch (error) {
      throw toSandboxError(error, shown, 'delete');
    }
  }

  /** Every file and directory under a path, sorted, up to `maxEntries`. */
  async list(relativePath: string, maxEntries: number): Promise<SandboxListing> {
    const absolute = await this.resolve(relativePath);
    const shown = this.display(absolute);
    try {
      if (!(await stat(absolute)).isDirectory()) {
        throw new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', relativePath, `${shown} is a file, not a directory`);
      }
      return await listSandboxEntries(absolute, (entry) => this.display(entry), maxEntries);
    } catch (error) {
      throw toSandboxError(error, shown, 'list');
    }
  }

  /** Deletes the sandbox and everything in it. */
  async remove(): Promise<void> {
    if (!this.made) return;
    await this.made.catch(() => undefined);
    await rm(this.root, { recursive: true, force: true });
  }

  private async make(): Promise<void> {
    // Private to this user, as mkdtemp makes it.
    await mkdir(this.root, { mode: 0o700 });
    if (this.fixtures === undefined) return;
    try {
      await cp(this.fixtures, this.root, { recursive: true });
    } catch (error) {
      await rm(this.root, { recursive: true, force: true });
      throw new SandboxError('AGENTLAB_SANDBOX_NOT_FOUND', this.fixtures, `cannot copy sandbox fixtures from ${this.fixtures}`, { cause: error });
    }
  }

  private async prepareWrite(relativePath: string, content: string) {
    const absolute = await this.resolve(relativePath);
    const shown = this.display(absolute);
    if (absolute === this.root) {
      throw new SandboxError('AGENTLAB_SANDBOX_WRONG_KIND', relativePath, 'cannot write to the sandbox root; give a file name');
    }
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > this.limits.maxWriteBytes) {
      throw new SandboxError(
        'AGENTLAB_SANDBOX_LIMIT_EXCEEDED',
        relativePath,
        `writing ${bytes} bytes to ${shown} is over the write limit of ${this.limits.maxWriteBytes} bytes`,
      );
    }
    return { absolute, shown, bytes };
  }
}

// The temp directory's real location (it may sit behind a symlink, as on macOS), looked up once.
const realParents = new Map<string, Promise<string>>();
// Sandbox names: random per process (so processes never collide), then counted.
const processToken = randomBytes(6).toString('hex');
let sandboxCount = 0;
// Fixture folders already seen to exist: an eval makes thousands of sandboxes from the same one.
const fixtureDirectories = new Set<string>();

// os.tmpdir() reads the environment through a guarded native call each time (about 20 µs, far more
// on a loaded machine): an eval asks for a sandbox per case, so the default parent is read once.
let defaultParentDirectory: string | undefined;

/** A fresh sandbox for one run, with the fixtures copied in (on first use when `lazy`). */
export async function createSandbox(options: CreateSandboxOptions = {}): Promise<Sandbox> {
  const parent = options.parentDirectory ?? (defaultParentDirectory ??= os.tmpdir());
  let realParent = realParents.get(parent);
  if (!realParent) {
    realParent = realpath(parent);
    realParents.set(parent, realParent);
    realParent.catch(() => realParents.delete(parent));
  }
  const root = path.join(await realParent, `${SANDBOX_DIRECTORY_PREFIX}${processToken}-${(sandboxCount += 1)}`);
  const sandbox = new Sandbox(
    root,
    {
      maxReadBytes: options.limits?.maxReadBytes ?? DEFAULT_MAX_READ_BYTES,
      maxWriteBytes: options.limits?.maxWriteBytes ?? DEFAULT_MAX_WRITE_BYTES,
    },
    options.fixtures,
  );
  if (!options.lazy) {
    await sandbox.materialize();
  } else if (options.fixtures !== undefined && !fixtureDirectories.has(options.fixtures)) {
    const info = await stat(options.fixtures).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new SandboxError('AGENTLAB_SANDBOX_NOT_FOUND', options.fixtures, `cannot copy sandbox fixtures from ${options.fixtures}: not a directory`);
    }
    fixtureDirectories.add(options.fixtures);
  }
  return sandbox;
}
