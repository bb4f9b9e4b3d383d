import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../bin/agentlab.js', import.meta.url));

/** Runs the installed-command shim as a user would, collecting its output. */
function runBinary(arguments_: string[]) {
  const child = spawn(process.execPath, [binary, ...arguments_], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errorOutput = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errorOutput += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    errorOutput: () => errorOutput,
  };
}

describe('bin/agentlab.js', () => {
  it('runs the CLI and exits 2 on a bad option', async () => {
    const run = runBinary(['--frobnicate']);
    expect(await run.exited).toBe(2);
    expect(run.errorOutput()).toContain("error: unknown option '--frobnicate'");
  });

  it('ends quietly when the reader of its output goes away (agentlab models | head -1)', async () => {
    const run = runBinary(['models']);
    // The reader is gone before the first line is written, so every write meets a closed pipe.
    run.child.stdout.destroy();
    expect(await run.exited).toBe(0);
    expect(run.errorOutput()).toBe('');
  });

  it('starts the simulator on a free port, answers GET /v1/models, and stops on SIGTERM', async () => {
    const run = runBinary(['sim', '--port', '0']);
    try {
      while (!run.output().includes('Press Ctrl+C to stop.')) {
        const code = await Promise.race([run.exited, new Promise((resolve) => setTimeout(resolve, 50, 'running'))]);
        if (code !== 'running') throw new Error(`agentlab sim exited early (${String(code)}): ${run.errorOutput()}`);
      }
      const baseURL = /listening at (http:\/\/\S+\/v1)$/m.exec(run.output())?.[1];
      const response = await fetch(`${baseURL}/models`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: Array<{ id: string }> };
      expect(body.data.map((model) => model.id)).toEqual(['oracle', 'strong', 'weak', 'flaky', 'looping', 'small']);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Received SIGTERM, stopping the simulator.');
  });
});
