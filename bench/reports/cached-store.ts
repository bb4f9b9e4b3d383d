// The cached synthetic stores (the year store, the traces store) live under .agentlab/bench/, one file
// per data version and store schema version, with a JSON sidecar saying when and how each was built.
// A file of the same data left by an older schema is migrated, as a user's store is when a new
// agentlab opens it (openStore applies the pending migrations), and renamed for the current schema,
// rather than built again: the same rows, minutes sooner, and the migration itself is exercised on a
// year of data.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openStore, storeSchemaVersion } from '../../store/index.js';

export interface CachedStoreInfo {
  /** The data version (YEAR_STORE_VERSION, TRACES_STORE_VERSION). */
  version: number;
  schemaVersion: number;
}

export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function readInfo<Info extends CachedStoreInfo>(path: string, version: number, schemaVersion: number): Info | undefined {
  const sidecar = `${path}.json`;
  if (!existsSync(path) || !existsSync(sidecar)) return undefined;
  const info = JSON.parse(readFileSync(sidecar, 'utf8')) as Info;
  return info.version === version && info.schemaVersion === schemaVersion ? info : undefined;
}

export function writeInfo(path: string, info: CachedStoreInfo): void {
  writeFileSync(`${path}.json`, `${JSON.stringify(info, null, 2)}\n`);
}

/**
 * The cached store of data `version` for the current schema (`pathFor(storeSchemaVersion)`): as it
 * is, or migrated from the newest older schema's file; undefined when there is neither.
 */
export function cachedStore<Info extends CachedStoreInfo>(pathFor: (schemaVersion: number) => string, version: number, log: (message: string) => void): Info | undefined {
  const path = pathFor(storeSchemaVersion);
  const current = readInfo<Info>(path, version, storeSchemaVersion);
  if (current) return current;
  for (let schema = storeSchemaVersion - 1; schema >= 1; schema--) {
    const older = pathFor(schema);
    const info = readInfo<Info>(older, version, schema);
    if (!info) continue;
    log(`migrating the cached ${older} from schema ${schema} to ${storeSchemaVersion}, as agentlab migrates a user's store`);
    const started = performance.now();
    openStore(older).close();
    removeDatabase(path);
    renameSync(older, path);
    removeDatabase(older);
    rmSync(`${older}.json`, { force: true });
    const migrated = { ...info, schemaVersion: storeSchemaVersion };
    writeInfo(path, migrated);
    log(`migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return migrated;
  }
  return undefined;
}
