// Installs the pinned peer tools (promptfoo; evalite with vitest and openai) into bench/peers/
// (git-ignored) on first use, never as dependencies of agentlab itself, and finds their entry points.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVALITE_OPENAI_VERSION, EVALITE_VERSION, EVALITE_VITEST_VERSION, INSTALL_TIMEOUT_MS, PROMPTFOO_VERSION } from './constants.js';

export const peersDirectory = fileURLToPath(new URL('../peers/', import.meta.url));
export const peersNodeModules = path.join(peersDirectory, 'node_modules');

/** Every package bench/peers holds, at its pinned version. */
const pinned: Record<string, string> = {
  evalite: EVALITE_VERSION,
  openai: EVALITE_OPENAI_VERSION,
  promptfoo: PROMPTFOO_VERSION,
  vitest: EVALITE_VITEST_VERSION,
};

interface PeerPackage {
  version?: string;
  bin?: string | Record<string, string>;
}

function packageJsonPath(name: string): string {
  return path.join(peersNodeModules, name, 'package.json');
}

function installedPackage(name: string): PeerPackage | undefined {
  const file = packageJsonPath(name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PeerPackage;
}

const peersManifest = {
  name: 'agentlab-bench-peers',
  private: true,
  description: 'Tools the agentlab benchmarks compare against; installed by the benchmarks on first use, never by agentlab.',
  dependencies: pinned,
};

function describePins(): string {
  return Object.entries(pinned).map(([name, version]) => `${name} ${version}`).join(', ');
}

function npmInstall(): Promise<void> {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: peersDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timeout = setTimeout(() => npm.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    npm.on('error', (error) => {
      clearTimeout(timeout);
      reject(new Error(`could not start npm to install ${describePins()} in ${peersDirectory}: ${error.message}`));
    });
    npm.on('close', (code, signal) => {
      clearTimeout(timeout);
      if (code === 0) return resolve();
      const ending = signal === 'SIGKILL' ? `was killed after ${INSTALL_TIMEOUT_MS / 1000} s` : `exited with ${String(code ?? signal)}`;
      reject(new Error(`npm install of ${describePins()} in ${peersDirectory} ${ending}; its output ends:\n${output.slice(-2000)}`));
    });
  });
}

function entryPoint(name: string, command: string, installed: PeerPackage): string {
  const bin = typeof installed.bin === 'string' ? installed.bin : installed.bin?.[command];
  if (!bin) throw new Error(`${packageJsonPath(name)} names no "${command}" command in its "bin" field`);
  return path.join(path.dirname(packageJsonPath(name)), bin);
}

function missingPins(): string[] {
  return Object.entries(pinned)
    .filter(([name, version]) => installedPackage(name)?.version !== version)
    .map(([name]) => name);
}

let installing: Promise<void> | undefined;

/** Installs the pinned peers unless bench/peers already holds every one at its version. */
async function ensurePeers(log: (message: string) => void): Promise<void> {
  if (missingPins().length === 0) return;
  installing ??= (async () => {
    log(`installing ${describePins()} into ${peersDirectory} (first use; a few minutes)`);
    await mkdir(peersDirectory, { recursive: true });
    await writeFile(path.join(peersDirectory, 'package.json'), `${JSON.stringify(peersManifest, null, 2)}\n`);
    await npmInstall();
    const missing = missingPins();
    if (missing.length > 0) throw new Error(`after npm install, ${peersNodeModules} lacks the pinned ${missing.join(', ')} (${describePins()})`);
  })().finally(() => (installing = undefined));
  await installing;
}

/** The path of a peer's CLI script (run it with `node`), installing the peers first if needed. */
export async function ensurePeerCommand(name: 'promptfoo' | 'evalite', log: (message: string) => void): Promise<string> {
  await ensurePeers(log);
  return entryPoint(name, name, installedPackage(name)!);
}
