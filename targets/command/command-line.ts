// A command target's command line, split into a program and its arguments as a shell would (quotes,
// escapes, $VARIABLES) with shell-quote, then checked up front: the program must exist, and script
// paths are made absolute, because the command runs in the case's sandbox, not where it was written.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'shell-quote';
import { TargetError } from '../errors.js';

export interface ResolvedCommand {
  program: string;
  args: string[];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(program: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const directory of (env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Splits and checks `commandLine`; relative paths that exist under `baseDirectory` become absolute. */
export function resolveCommandLine(commandLine: string, baseDirectory: string, env: Readonly<Record<string, string | undefined>>, shownAs: string): ResolvedCommand {
  const words: string[] = [];
  for (const entry of parse(commandLine, (name) => env[name] ?? '')) {
    if (typeof entry === 'string') words.push(entry);
    else if ('op' in entry && entry.op === 'glob') words.push(entry.pattern);
    else {
      const what = 'op' in entry ? `the shell operator "${entry.op}"` : 'a comment';
      throw new TargetError('AGENTLAB_AGENT_COMMAND_INVALID', `agent ${shownAs}: the command line has ${what}; agentlab runs the program directly, without a shell. Put the pipeline in a script, or use command:sh -c '…'`);
    }
  }
  const [first, ...rest] = words;
  if (!first) throw new TargetError('AGENTLAB_AGENT_COMMAND_INVALID', `agent ${shownAs}: the command line is empty`);
  let program: string;
  if (first.includes('/')) {
    program = path.resolve(baseDirectory, first);
    if (!isExecutable(program)) throw new TargetError('AGENTLAB_AGENT_COMMAND_INVALID', `agent ${shownAs}: ${program} ${isFile(program) ? 'is not executable (chmod +x, or run it with its interpreter)' : 'does not exist'}`);
  } else {
    const found = findOnPath(first, env);
    if (!found) throw new TargetError('AGENTLAB_AGENT_COMMAND_INVALID', `agent ${shownAs}: the program "${first}" was not found on PATH`);
    program = found;
  }
  const args = rest.map((word) => {
    if (word.startsWith('-') || path.isAbsolute(word)) return word;
    const candidate = path.resolve(baseDirectory, word);
    return isFile(candidate) ? candidate : word;
  });
  // `python3 agnt.py`: a script argument that names no file would fail every case the same way.
  const script = rest.find((word) => !word.startsWith('-'));
  if (script && /\.(py|js|mjs|cjs|ts|mts|rb|sh|pl|php|lua|r|jl)$/i.test(script) && !isFile(path.resolve(baseDirectory, script))) {
    throw new TargetError('AGENTLAB_AGENT_COMMAND_INVALID', `agent ${shownAs}: the script ${script} does not exist in ${baseDirectory}`);
  }
  return { program, args };
}
