// Loads agentlab.config.yaml and reports every problem in it with its file, line and field path.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyConfig } from './config-schema.js';
import type { AgentlabConfig } from './config-schema.js';
import { DEFAULT_CONFIG_FILE_NAME } from './constants.js';
import { ConfigFileNotFoundError } from './errors.js';

export interface LoadConfigOptions {
  /** Config file to read; it must exist. Without it, `agentlab.config.yaml` in `cwd` is read if present. */
  path?: string;
  /** Directory that relative paths and the default file are resolved against; defaults to `process.cwd()`. */
  cwd?: string;
}

export interface LoadedConfig {
  config: AgentlabConfig;
  /** Absolute path of the file read; absent when there was none. */
  file?: string;
}

/** Reads the config file, or returns the empty config when no file was named and the default is absent. */
export async function loadConfigFile(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = path.resolve(cwd, options.path ?? DEFAULT_CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (absent && options.path === undefined) return { config: emptyConfig };
    throw new ConfigFileNotFoundError(displayPath(file, cwd), error);
  }
  const { parseConfigText } = await import('./config-text.js');
  return { config: parseConfigText(text, displayPath(file, cwd)), file };
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
