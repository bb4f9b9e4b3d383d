import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRecorded } from '../test-support.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-models-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('agentlab models', () => {
  it('lists simulator and OpenAI models with prices per million tokens', async () => {
    const result = await runRecorded(['models'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    const lines = result.output.split('\n');
    expect(lines[0]).toMatch(/^MODEL +PROVIDER +INPUT +OUTPUT +CONTEXT +DESCRIPTION$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^sim:oracle +agentlab\.sim +5\.00 +15\.00 +128,000 +Never errs/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^sim:weak +agentlab\.sim +0\.15 +0\.60 +8,192 +A small model/));
    expect(lines).toContainEqual(expect.stringMatching(/^sim:small +agentlab\.sim +0\.10 +0\.40 +8,192 +Never errs/));
    expect(lines).toContainEqual(expect.stringMatching(/^openai:gpt-4o-mini +openai +0\.15 +0\.60 +128,000 +OpenAI API$/));
    expect(result.output).toContain('Config: none (no ./agentlab.config.yaml).');
  });

  it('adds the models and prices of a config file', async () => {
    await writeFile(
      path.join(directory, 'custom.yaml'),
      'models:\n  local-llama:\n    baseURL: http://localhost:11434/v1\n    model: llama3.1:8b\n    provider: ollama\n' +
        'prices:\n  gpt-4o-mini: { input: 0.1, output: 0.5 }\n',
    );
    const result = await runRecorded(['models', '--config', 'custom.yaml'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^local-llama +ollama +- +- +- +llama3\.1:8b at http:\/\/localhost:11434\/v1$/m);
    expect(result.output).toMatch(/^openai:gpt-4o-mini +openai +0\.10 +0\.50 /m);
    expect(result.output).toContain(`Config: ${path.join(directory, 'custom.yaml')}.`);
  });

  it('shows the context window a config gives a custom model or a model id', async () => {
    await writeFile(
      path.join(directory, 'agentlab.config.yaml'),
      'models:\n  local-llama:\n    baseURL: http://localhost:11434/v1\n    model: llama3.1:8b\n    contextWindow: 16384\n' +
        'contextWindows:\n  gpt-4o-mini: 64000\n',
    );
    const result = await runRecorded(['models'], { cwd: directory });
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^local-llama +openai +- +- +16,384 +llama3\.1:8b at /m);
    expect(result.output).toMatch(/^openai:gpt-4o-mini +openai +0\.15 +0\.60 +64,000 +OpenAI API$/m);
  });

  it('prints JSON with --json', async () => {
    const result = await runRecorded(['models', '--json'], { cwd: directory });
    const entries = JSON.parse(result.output) as Array<{ reference: string }>;
    expect(entries.map((entry) => entry.reference)).toContain('sim:weak');
  });

  it('exits 2 with every problem when the config is invalid', async () => {
    await writeFile(path.join(directory, 'agentlab.config.yaml'), 'models:\n  local:\n    model: 3\n');
    const result = await runRecorded(['models'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toBe(
      'error: agentlab.config.yaml has 2 problems:\n' +
        '  agentlab.config.yaml:2: models.local.baseURL: required field is missing\n' +
        '  agentlab.config.yaml:3: models.local.model: expected the model id to send, as a string\n',
    );
  });

  it('exits 2 when the named config file does not exist', async () => {
    const result = await runRecorded(['models', '--config', 'missing.yaml'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('missing.yaml does not exist');
  });
});
