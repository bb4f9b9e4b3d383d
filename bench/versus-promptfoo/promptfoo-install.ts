// Installs the pinned promptfoo into bench/peers/ (git-ignored) on first use, never as a dependency
// of agentlab itself, and finds its command-line entry point.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_TIMEOUT_MS, PROMPTFOO_VERSION } from './constants.js';

export const peersDirectory = fileURLToPath(new URL('../peers/', import.meta.url));
const promptfooPackageJson = path.join(peersDirectory, 'node_modules', 'promptfoo', 'package.json');

interface PromptfooPackage {
  version?: string;
  bin?: string | Record<string, string>;
}

function installedPackage(): PromptfooPackage | undefined {
  if (!existsSync(promptfooPackageJson)) return undefined;
  return JSON.parse(readFileSync(promptfooPackageJson, 'utf8')) as PromptfooPackage;
}

const peersManifest = {
  name: 'agentlab-bench-peers',
  private: true,
  description: 'Tools the agentlab benchmarks compare against; installed by the benchmarks on first use, never by agentlab.',
  dependencies: { promptfoo: PROMPTFOO_VERSION },
};

function npmInstall(): Promise<void> {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: peersDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timeout = setTimeout(() => npm.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    npm.on('error', (error) => {
      clearTimeout(timeout);
      reject(new Error(`could not start npm to install promptfoo ${PROMPTFOO_VERSION} in ${peersDirectory}: ${error.message}`));
    });
    npm.on('close', (code, signal) => {
      clearTimeout(timeout);
      if (code === 0) return resolve();
      const ending = signal === 'SIGKILL' ? `was killed after ${INSTALL_TIMEOUT_MS / 1000} s` : `exited with ${String(code ?? signal)}`;
      reject(new Error(`npm install of promptfoo ${PROMPTFOO_VERSION} in ${peersDirectory} ${ending}; its output ends:\n${output.slice(-2000)}`));
    });
  });
}

function entryPoint(installed: PromptfooPackage): string {
  const bin = typeof installed.bin === 'string' ? installed.bin : installed.bin?.promptfoo;
  if (!bin) throw new Error(`${promptfooPackageJson} names no "promptfoo" command in its "bin" field`);
  return path.join(path.dirname(promptfooPackageJson), bin);
}

/** The path of promptfoo's CLI script (run it with `node`), installing promptfoo first if needed. */
export async function ensurePromptfoo(log: (message: string) => void): Promise<string> {
  let installed = installedPackage();
  if (installed?.version !== PROMPTFOO_VERSION) {
    log(`installing promptfoo ${PROMPTFOO_VERSION} into ${peersDirectory} (first use; about 70 s)`);
    await mkdir(peersDirectory, { recursive: true });
    await writeFile(path.join(peersDirectory, 'package.json'), `${JSON.stringify(peersManifest, null, 2)}\n`);
    await npmInstall();
    installed = installedPackage();
    if (installed?.version !== PROMPTFOO_VERSION) {
      throw new Error(`after npm install, ${promptfooPackageJson} holds promptfoo ${installed?.version ?? '(nothing)'}, not ${PROMPTFOO_VERSION}`);
    }
  }
  return entryPoint(installed);
}
