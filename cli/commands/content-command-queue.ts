// What the `agentlab content` subcommands share: the store (reviews, content runs, and the queue's
// jobs unless AGENTLAB_QUEUE_URL names Redis) and the queue, opened together and closed together.
import path from 'node:path';
import { openQueue, queueUrlVariable, type JobQueue } from '../../queue/index.js';
import { openStore, type Store } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';

export interface ContentQueueOptions {
  store: string;
}

export interface OpenedContentQueue {
  store: Store;
  queue: JobQueue;
  close(): Promise<void>;
}

export async function openContentQueue(context: CliContext, options: ContentQueueOptions): Promise<OpenedContentQueue> {
  const store = openStore(path.resolve(context.cwd, options.store));
  try {
    const url = context.env[queueUrlVariable]?.trim();
    // The store queue shares the store's connection; Redis is its own.
    const queue = await openQueue(url ? { url } : { url: '', store });
    return {
      store,
      queue,
      async close() {
        await queue.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
