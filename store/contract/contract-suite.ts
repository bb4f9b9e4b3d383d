// Runs a test file's cases once per backend: `forEachBackend((context) => { it(...) })`, each test
// getting `context.store`, a store no other test has touched, closed (with every other store the test
// opened through `context.open`) after it.
import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import type { StoreOptions } from '../sqlite-store.js';
import { contractBackends } from './contract-backends.js';
import type { ContractStore } from './contract-backends.js';

export interface ContractContext {
  /** The test's store. */
  readonly store: ContractStore;
  /** Another store on the same database as `store`, as a second process would open it. */
  open(options?: StoreOptions): Promise<ContractStore>;
}

export function forEachBackend(define: (context: ContractContext) => void, options: StoreOptions = {}): void {
  for (const backend of contractBackends()) {
    describe(backend.name, () => {
      let opened: ContractStore[] = [];
      let store: ContractStore | undefined;
      const context: ContractContext = {
        get store() {
          if (!store) throw new Error('The contract store is opened in beforeEach.');
          return store;
        },
        async open(extra) {
          const another = await backend.open({ ...options, ...extra });
          opened.push(another);
          return another;
        },
      };
      beforeEach(async () => {
        store = await context.open();
      });
      afterEach(async () => {
        for (const each of opened.reverse()) await each.close();
        opened = [];
        store = undefined;
        await backend.reset();
      });
      afterAll(async () => {
        await backend.dispose();
      });
      define(context);
    });
  }
}
