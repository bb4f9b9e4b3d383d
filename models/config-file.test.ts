import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from './config-file.js';
import { ConfigFileError, ConfigFileNotFoundError } from './errors.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-config-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeConfig(text: string, name = 'agentlab.config.yaml'): Promise<void> {
  await writeFile(path.join(directory, name), text);
}

async function loadError(options: { path?: string } = {}): Promise<unknown> {
  return loadConfigFile({ cwd: directory, ...options }).then(
    () => {
      throw new Error('expected the config to be rejected');
    },
    (error: unknown) => error,
  );
}

describe('loadConfigFile', () => {
  it('returns an empty config when the default file is absent', async () => {
    expect(await loadConfigFile({ cwd: directory })).toEqual({ config: { models: {}, prices: {}, agents: {} } });
  });

  it('reads a valid file from the working directory', async () => {
    await writeConfig(`models:
  local-llama:
    baseURL: http://localhost:11434/v1
    model: llama3.1:8b
    apiKeyEnv: OLLAMA_API_KEY
    provider: ollama
    prices: { input: 0, output: 0 }
prices:
  gpt-4o-2024-08-06: { input: 2.5, output: 10 }
`);
    const loaded = await loadConfigFile({ cwd: directory });
    expect(loaded.file).toBe(path.join(directory, 'agentlab.config.yaml'));
    expect(loaded.config).toEqual({
      agents: {},
      models: {
        'local-llama': {
          baseURL: 'http://localhost:11434/v1',
          model: 'llama3.1:8b',
          apiKeyEnv: 'OLLAMA_API_KEY',
          provider: 'ollama',
          prices: { input: 0, output: 0 },
        },
      },
      prices: { 'gpt-4o-2024-08-06': { input: 2.5, output: 10 } },
    });
  });

  it('accepts empty sections and a file of comments', async () => {
    await writeConfig('# nothing yet\nmodels:\nprices:\n');
    expect((await loadConfigFile({ cwd: directory })).config).toEqual({ models: {}, prices: {}, agents: {} });
  });

  it('fails when an explicitly named file does not exist', async () => {
    const error = await loadError({ path: 'missing.yaml' });
    expect(error).toBeInstanceOf(ConfigFileNotFoundError);
    expect(error).toMatchObject({ code: 'AGENTLAB_CONFIG_NOT_FOUND', file: 'missing.yaml' });
  });

  it('reads context windows and working-memory settings, and names what is wrong in them', async () => {
    await writeConfig(`models:
  local-llama:
    baseURL: http://localhost:11434/v1
    model: llama3.1:8b
    contextWindow: 8192
contextWindows:
  gpt-4o-2024-08-06: 128000
workingMemory:
  threshold: 0.6
  keepRecent: 3
  agents:
    supervisor: { enabled: false }
`);
    const { config } = await loadConfigFile({ cwd: directory });
    expect(config.models['local-llama']!.contextWindow).toBe(8192);
    expect(config.contextWindows).toEqual({ 'gpt-4o-2024-08-06': 128000 });
    expect(config.workingMemory).toEqual({ threshold: 0.6, keepRecent: 3, agents: { supervisor: { enabled: false } } });

    await writeConfig(`models:
  local-llama:
    baseURL: http://localhost:11434/v1
    model: llama3.1:8b
    contextWindow: 8k
workingMemory:
  threshold: 75
  agents:
    react: { keep_recent: 2 }
`);
    const error = await loadError();
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message.split('\n').slice(1)).toEqual([
      '  agentlab.config.yaml:5: models.local-llama.contextWindow: expected a number of tokens such as 8192',
      '  agentlab.config.yaml:7: workingMemory.threshold: expected a fraction of at most 1',
      '  agentlab.config.yaml:9: workingMemory.agents.react.keep_recent: unknown field (did you mean keepRecent?); accepted fields: threshold, keepRecent, enabled',
    ]);
  });

  it('reports every schema problem with file, line and field path', async () => {
    await writeConfig(
      [
        '# team models', //                                   1
        'models:', //                                          2
        '  local-llama:', //                                   3
        '    baseURL: localhost:11434', //                     4
        '    apiKey_env: OLLAMA_API_KEY', //                   5
        '    prices: { input: -1, output: "cheap" }', //       6
        '  vllm:', //                                          7
        '    baseURL: http://gpu-box:8000/v1', //             8
        '    model: 42', //                                    9
        '    apiKeyEnv: sk-live-123', //                      10
        'prices:', //                                         11
        '  gpt-4.1: { input: 2 }', //                         12
        'retries: 3', //                                      13
      ].join('\n'),
      'team.yaml',
    );
    const error = await loadError({ path: 'team.yaml' });
    expect(error).toBeInstanceOf(ConfigFileError);
    const configError = error as ConfigFileError;
    expect(configError.code).toBe('AGENTLAB_CONFIG_INVALID');
    expect(configError.file).toBe('team.yaml');
    expect(configError.message.split('\n')).toEqual([
      'team.yaml has 9 problems:',
      '  team.yaml:3: models.local-llama.model: required field is missing',
      '  team.yaml:4: models.local-llama.baseURL: expected a URL such as http://localhost:11434/v1',
      '  team.yaml:5: models.local-llama.apiKey_env: unknown field (did you mean apiKeyEnv?); ' +
        'accepted fields: baseURL, model, apiKeyEnv, provider, prices, contextWindow, rpm, tpm, maxConcurrency',
      '  team.yaml:6: models.local-llama.prices.input: expected a price of 0 or more',
      '  team.yaml:6: models.local-llama.prices.output: expected a number of USD per million tokens',
      '  team.yaml:9: models.vllm.model: expected the model id to send, as a string',
      '  team.yaml:10: models.vllm.apiKeyEnv: expected the name of an environment variable such as OLLAMA_API_KEY, ' +
        'not the key itself',
      '  team.yaml:12: prices["gpt-4.1"].output: required field is missing',
      '  team.yaml:13: retries: unknown field; accepted fields: models, prices, contextWindows, workingMemory, memory, confidence, approvals, content, rateLimits, agents',
    ]);
    expect(configError.issues[0]).toEqual({
      line: 3,
      path: 'models.local-llama.model',
      message: 'required field is missing',
    });
  });

  it('reads rate limits per model and by reference, and names what is wrong in them with their lines', async () => {
    await writeConfig(`models:
  limited:
    baseURL: http://localhost:8787/v1
    model: oracle
    rpm: 600
    maxConcurrency: 8
rateLimits:
  openai:gpt-4o-mini: { rpm: 500, tpm: 200000 }
`);
    const { config } = await loadConfigFile({ cwd: directory });
    expect(config.models.limited).toMatchObject({ rpm: 600, maxConcurrency: 8 });
    expect(config.rateLimits).toEqual({ 'openai:gpt-4o-mini': { rpm: 500, tpm: 200000 } });

    await writeConfig(`models:
  limited:
    baseURL: http://localhost:8787/v1
    model: oracle
    rpm: -1
    maxConcurrency: 2.5
rateLimits:
  openai:gpt-4o: { tpm: many }
  sim:strong: { rps: 3 }
`);
    const error = (await loadError()) as ConfigFileError;
    expect(error.message.split('\n').slice(1)).toEqual([
      '  agentlab.config.yaml:5: models.limited.rpm: expected a positive number of requests per minute',
      '  agentlab.config.yaml:6: models.limited.maxConcurrency: expected a whole number of calls',
      '  agentlab.config.yaml:8: rateLimits.openai:gpt-4o.tpm: expected a number of tokens per minute such as 200000',
      '  agentlab.config.yaml:9: rateLimits.sim:strong.rps: unknown field; accepted fields: rpm, tpm, maxConcurrency',
    ]);

    // A name without a prefix must be a configured model, or its limits would never apply.
    await writeConfig('rateLimits:\n  gpt-4o: { rpm: 10 }\n');
    expect(((await loadError()) as ConfigFileError).message).toContain('agentlab.config.yaml:2: rateLimits.gpt-4o: names no model: expected sim:<profile>, openai:<model> or a name under models (none defined)');
  });

  it('reports YAML syntax errors with their line', async () => {
    await writeConfig('models:\n  local:\n    baseURL: http://localhost/v1\n    model: a\n    model: b\n');
    const error = await loadError();
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message).toBe(
      'agentlab.config.yaml has 1 problem:\n  agentlab.config.yaml:5: YAML syntax: Map keys must be unique',
    );
  });

  it('rejects model names that would clash with reference prefixes', async () => {
    await writeConfig('models:\n  sim:fast:\n    baseURL: http://localhost/v1\n    model: a\n');
    const error = (await loadError()) as ConfigFileError;
    expect(error.issues).toEqual([
      { line: 2, path: 'models.sim:fast', message: 'model names may not contain spaces or ":"' },
    ]);
  });

  it('reads agents with their settings', async () => {
    await writeConfig(
      [
        'agents:',
        '  my-agent:',
        '    module: ./agents/my-agent.ts',
        '    export: agent',
        '    timeout: 60000',
        '    tools: [search_web, calculator]',
        '  py-agent:',
        '    command: python3 agent.py',
        '    env: { MODE: fast }',
        '  served:',
        '    http: http://127.0.0.1:8000/run',
        '    headers: { authorization: "Bearer {{env.AGENT_TOKEN}}" }',
        '    body: { question: "{{goal}}" }',
        '    responsePath: data.answer',
      ].join('\n'),
    );
    const { config } = await loadConfigFile({ cwd: directory });
    expect(config.agents).toEqual({
      'my-agent': { module: './agents/my-agent.ts', export: 'agent', timeout: 60000, tools: ['search_web', 'calculator'] },
      'py-agent': { command: 'python3 agent.py', env: { MODE: 'fast' } },
      served: { http: 'http://127.0.0.1:8000/run', headers: { authorization: 'Bearer {{env.AGENT_TOKEN}}' }, body: { question: '{{goal}}' }, responsePath: 'data.answer' },
    });
  });

  it('reports agents that are not one kind, or carry settings of another kind, with their lines', async () => {
    await writeConfig(
      [
        'agents:', //                              1
        '  none:', //                              2
        '    timeout: 5', //                       3
        '  both:', //                              4
        '    module: a.ts', //                     5
        '    command: python3 a.py', //            6
        '  py:', //                                7
        '    command: python3 a.py', //            8
        '    responsePath: output', //             9
        '  "bad:name":', //                        10
        '    module: a.ts', //                     11
      ].join('\n'),
    );
    const error = (await loadError()) as ConfigFileError;
    expect(error.issues).toEqual([
      { line: 2, path: 'agents.none', message: 'expected one of module, command or http' },
      { line: 4, path: 'agents.both', message: 'expected only one of module, command or http, got module and command' },
      { line: 9, path: 'agents.py.responsePath', message: 'only http agents take responsePath' },
      { line: 10, path: 'agents.bad:name', message: 'agent names are letters, digits, ".", "_" and "-", starting with a letter or digit' },
    ]);
  });
});
