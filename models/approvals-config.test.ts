// The config's `approvals.tools`: which tools always or never wait for approval, read from YAML,
// and a misshapen entry refused with the file, line and field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from './config-file.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-config-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

async function load(text: string) {
  await writeFile(path.join(directory, 'agentlab.config.yaml'), text);
  return loadConfigFile({ cwd: directory });
}

describe('approvals in the config', () => {
  it('reads per-tool settings', async () => {
    const { config } = await load('approvals:\n  tools:\n    write_file: required\n    delete_file: never\n');
    expect(config.approvals).toEqual({ tools: { write_file: 'required', delete_file: 'never' } });
  });

  it('refuses a setting other than required or never, and a tools list, naming the line', async () => {
    const error = await load('approvals:\n  tools:\n    write_file: always\n').catch((thrown: Error) => thrown);
    expect((error as Error).message).toContain('agentlab.config.yaml:3: approvals.tools.write_file: expected required or never');
    const list = await load('approvals:\n  tools: [delete_file]\n').catch((thrown: Error) => thrown);
    expect((list as Error).message).toContain('agentlab.config.yaml:2: approvals.tools: expected a mapping of tool names to required or never');
  });
});
