// What the `agentlab content` subcommands share: the store (reviews, content runs, traces, and the
// queue's jobs unless AGENTLAB_QUEUE_URL names Redis), a SQLite file or PostgreSQL as `--store` or
// AGENTLAB_STORE_URL names it, and the queue, opened together and closed together.
import { openQueue, queueUrlVariable, type JobQueue } from '../../queue/index.js';
import type { StoreBackend } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { openCommandStore, storeOptionHelp } from '../command-store.js';

export interface ContentQueueOptions {
  store?: string;
}

export interface OpenedContentQueue {
  store: StoreBackend;
  queue: JobQueue;
  close(): Promise<void>;
}

/** The `--store` option's help for the content subcommands. */
export const contentStoreHelp = storeOptionHelp('of reviews, content runs, traces, and the queue unless AGENTLAB_QUEUE_URL is set');

/** A database that cannot be reached is refused (AGENTLAB_STORE_OPEN_FAILED, exit 2) before the queue is opened. */
export async function openContentQueue(context: CliContext, options: ContentQueueOptions): Promise<OpenedContentQueue> {
  const store = await openCommandStore(options.store, context);
  try {
    const url = context.env[queueUrlVariable]?.trim();
    // The store queue shares the store's connection; Redis is its own.
    const queue = await openQueue(url ? { url } : { url: '', store });
    return {
      store,
      queue,
      async close() {
        await queue.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
