// Counts the connections a dispatcher opens, as undici's pools report them: enough to tell whether a
// request that failed went out on a connection that was already open (see transport-call.ts).
import type { Dispatcher, Pool as UndiciPool } from 'undici';
import { Pool } from './undici-dispatchers.js';

export interface ConnectionCount {
  /** Connections open now. */
  open: number;
  /** Connections opened since the dispatcher was made. */
  opened: number;
}

/** An Agent `factory` making undici's default per-origin Pool, counting its connections into `count`. */
export function countingPoolFactory(count: ConnectionCount): (origin: string | URL, options: object) => Dispatcher {
  return (origin, options) => {
    const pool = new Pool(origin, options as UndiciPool.Options);
    pool.on('connect', () => {
      count.open += 1;
      count.opened += 1;
    });
    pool.on('disconnect', () => {
      count.open -= 1;
    });
    return pool;
  };
}
