import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCommandLine } from './command-line.js';
import { readCommandAnswer } from './command-target.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-command-'));
  await writeFile(path.join(directory, 'agent.py'), 'print("hi")\n');
  await writeFile(path.join(directory, 'run.sh'), '#!/bin/sh\necho hi\n');
  await chmod(path.join(directory, 'run.sh'), 0o755);
});

describe('resolveCommandLine', () => {
  const env = { PATH: process.env.PATH, MODE: 'fast' };

  it('finds the program on PATH and makes script paths absolute, since the command runs in the sandbox', () => {
    const resolved = resolveCommandLine('python3 agent.py --mode "$MODE" \'two words\'', directory, env, 'a');
    expect(path.basename(resolved.program)).toBe('python3');
    expect(resolved.args).toEqual([path.join(directory, 'agent.py'), '--mode', 'fast', 'two words']);
  });

  it('resolves a program given by path against the base directory', () => {
    expect(resolveCommandLine('./run.sh', directory, env, 'a').program).toBe(path.join(directory, 'run.sh'));
  });

  it('refuses a program that is not on PATH, naming it', () => {
    expect(() => resolveCommandLine('pyhton3 agent.py', directory, env, 'command:pyhton3 agent.py')).toThrow(/"pyhton3" was not found on PATH/);
  });

  it('refuses a script that does not exist and a shell pipeline', () => {
    expect(() => resolveCommandLine('python3 agnt.py', directory, env, 'a')).toThrow(/the script agnt.py does not exist/);
    expect(() => resolveCommandLine('python3 agent.py | tee log', directory, env, 'a')).toThrow(/shell operator "\|"/);
    expect(() => resolveCommandLine('./missing.sh', directory, env, 'a')).toThrow(/does not exist/);
  });
});

describe('readCommandAnswer', () => {
  it('takes stdout as the answer', () => {
    expect(readCommandAnswer('thinking...\nThe answer is 391.\n')).toEqual({ output: 'thinking...\nThe answer is 391.' });
  });

  it('takes a last JSON line with output, with its steps', () => {
    const answer = readCommandAnswer('log line\n{"output": "391", "steps": [{"type": "tool_call", "tool": "calculator", "arguments": {"expression": "17*23"}, "result": "391"}]}\n');
    expect(answer.output).toBe('391');
    expect(answer.steps).toHaveLength(1);
  });

  it('refuses a last JSON line whose output is not text', () => {
    expect(() => readCommandAnswer('{"output": 391}')).toThrow(/"output" to be a string/);
  });

  it('refuses a last line that means to be the answer object but is not valid JSON', () => {
    expect(() => readCommandAnswer('{"output": "391",}')).toThrow(/the last line of stdout is not valid JSON/);
  });

  it('keeps a JSON line without output as plain text', () => {
    expect(readCommandAnswer('{"answer": 1}').output).toBe('{"answer": 1}');
  });
});
