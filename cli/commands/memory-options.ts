// Option parsers and shared wiring of `agentlab memory`: namespaces, agent names, ids and k are
// checked as they are parsed (exit 2 with the reason), and the store (a SQLite file or postgres://…,
// else AGENTLAB_STORE_URL) and embedding model are opened the way `agentlab run` opens them.
import { InvalidArgumentError } from 'commander';
import { checkAgentName, checkNamespace, DEFAULT_EMBEDDING_MODEL, memoryDefaults, MemoryError, openMemory } from '../../agents/index.js';
import type { OpenedMemory } from '../../agents/index.js';
import { loadConfigFile, ModelProvider } from '../../models/index.js';
import type { StoreBackend } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { openCommandStore } from '../command-store.js';

function asArgumentError<Value>(check: () => Value): Value {
  try {
    return check();
  } catch (error) {
    if (error instanceof MemoryError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

export function parseNamespace(value: string): string {
  return asArgumentError(() => checkNamespace(value));
}

export function parseAgentName(value: string): string {
  return asArgumentError(() => checkAgentName(value));
}

/** A memory or episode id: a whole number of at least 1. */
export function parseId(value: string, previous: number[] | undefined): number[] {
  const id = Number(value);
  if (!/^\d+$/.test(value) || id < 1 || !Number.isSafeInteger(id)) throw new InvalidArgumentError(`expected an id (a whole number of at least 1), not ${JSON.stringify(value)}.`);
  return [...(previous ?? []), id];
}

export function parseK(value: string): number {
  const k = Number(value);
  if (!/^\d+$/.test(value) || k < 1 || k > memoryDefaults.MAX_RECALL_K) throw new InvalidArgumentError(`expected a whole number from 1 to ${memoryDefaults.MAX_RECALL_K}.`);
  return k;
}

export interface MemoryCommandOptions {
  /** A SQLite file or a postgres:// URL; AGENTLAB_STORE_URL, else .agentlab/agentlab.db, when absent. */
  store?: string;
  config?: string;
  /** The embedding model; the config's memory.embeddingModel, else sim:strong. */
  model?: string;
}

export interface OpenedMemoryCommand extends OpenedMemory {
  store: StoreBackend;
  close(): Promise<void>;
}

/** The store with long-term and episodic memory on the embedding model; the model is checked before the store is opened. */
export async function openMemoryCommand(options: MemoryCommandOptions, context: CliContext): Promise<OpenedMemoryCommand> {
  const { config } = await loadConfigFile({ cwd: context.cwd, ...(options.config ? { path: options.config } : {}) });
  const provider = new ModelProvider({ config, latency: 'zero', env: context.env });
  const embeddingModel = options.model ?? config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL;
  let store: StoreBackend | undefined;
  try {
    // Opening the model first refuses a bad reference or a missing API key before a store file is made.
    await provider.open(embeddingModel);
    store = await openCommandStore(options.store, context);
    const opened = await openMemory({ store, provider, embeddingModel });
    const openedStore = store;
    return {
      ...opened,
      store: openedStore,
      async close() {
        await openedStore.close();
        await provider.close();
      },
    };
  } catch (error) {
    await store?.close();
    await provider.close();
    throw error;
  }
}
