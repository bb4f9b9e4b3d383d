import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runRecorded } from './test-support.js';

const packageText = await readFile(new URL('../package.json', import.meta.url), 'utf8');
const packageJson = JSON.parse(packageText) as { version: string };

describe('agentlab', () => {
  it('prints help listing the commands with examples, exit 0', async () => {
    const result = await runRecorded(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('Usage: agentlab [options] [command]');
    expect(result.output).toMatch(/^ {2}sim \[options\] +Run the simulated/m);
    expect(result.output).toMatch(/^ {2}models \[options\] +List the models/m);
    expect(result.output).toContain('Examples:');
  });

  it('prints help for each command', async () => {
    for (const command of ['sim', 'models']) {
      const result = await runRecorded([command, '--help']);
      expect(result.exitCode).toBe(0);
      expect(result.output).toContain(`Usage: agentlab ${command} [options]`);
      expect(result.output).toContain(`$ agentlab ${command}`);
    }
  });

  it('prints the package version, from every command', async () => {
    for (const arguments_ of [['--version'], ['-v'], ['models', '--version']]) {
      const result = await runRecorded(arguments_);
      expect(result).toEqual({ exitCode: 0, output: `${packageJson.version}\n`, errorOutput: '' });
    }
  });

  it('exits 2 with a clear message on an unknown option', async () => {
    const result = await runRecorded(['models', '--frobnicate']);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain("error: unknown option '--frobnicate'");
    expect(result.output).toBe('');
  });

  it('exits 2 on an unknown command, suggesting the close one', async () => {
    const result = await runRecorded(['model']);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain("error: unknown command 'model'");
    expect(result.errorOutput).toContain('(Did you mean models?)');
  });

  it('exits 2 and shows help on stderr when no command is given', async () => {
    const result = await runRecorded([]);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('Usage: agentlab');
  });
});
