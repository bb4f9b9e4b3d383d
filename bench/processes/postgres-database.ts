// A fresh PostgreSQL database for a benchmark: on the server AGENTLAB_BENCH_POSTGRES_URL names (a role
// that may CREATE DATABASE), else on a throwaway cluster started here with scripts/test-services.mjs
// (Debian's postgresql, no fsync, 200 connections), as the tests get theirs. drop() removes the
// database, or stops the cluster it started.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '../../store/postgres/scratch-database.js';

export interface BenchDatabase {
  /** `postgres://…/<fresh database>` */
  url: string;
  drop(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

interface StartedServices {
  directory: string;
  postgresUrl?: string;
  unavailable: { postgres?: string };
}

/** `prefix` starts the progress lines. */
export async function freshPostgresDatabase(prefix: string, log: (message: string) => void): Promise<BenchDatabase> {
  let adminUrl = process.env.AGENTLAB_BENCH_POSTGRES_URL;
  let services: StartedServices | undefined;
  if (!adminUrl) {
    log(`${prefix}: starting a throwaway PostgreSQL cluster (scripts/test-services.mjs)`);
    services = JSON.parse(execFileSync(process.execPath, ['scripts/test-services.mjs', 'start', 'postgres'], { cwd: repositoryRoot, encoding: 'utf8' })) as StartedServices;
    if (!services.postgresUrl) throw new Error(`PostgreSQL could not be started: ${services.unavailable.postgres ?? 'no reason given'}; or set AGENTLAB_BENCH_POSTGRES_URL`);
    adminUrl = services.postgresUrl;
  }
  const database = await createScratchDatabase(adminUrl, 'agentlab_bench');
  return {
    url: database.url,
    drop: async () => {
      if (services) execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', services.directory], { cwd: repositoryRoot });
      else await database.drop();
    },
  };
}

/** A PostgreSQL cluster kept in a folder between benchmark runs (`scripts/test-services.mjs start --keep`). */
export interface KeptPostgresCluster {
  /** `postgres://…/postgres`, a superuser's. */
  adminUrl: string;
  /** Stops it with a checkpoint, leaving the folder for the next run. */
  stop(): Promise<void>;
}

/**
 * Starts the cluster kept in `folder`, making it there the first time: a benchmark that fills a
 * database once reuses it on later runs. Throws with the reason when PostgreSQL cannot be started.
 */
export async function keptPostgresCluster(folder: string, prefix: string, log: (message: string) => void): Promise<KeptPostgresCluster> {
  log(`${prefix}: starting the PostgreSQL cluster kept in ${folder} (scripts/test-services.mjs --keep)`);
  const services = JSON.parse(execFileSync(process.execPath, ['scripts/test-services.mjs', 'start', '--keep', folder, 'postgres'], { cwd: repositoryRoot, encoding: 'utf8' })) as StartedServices;
  if (!services.postgresUrl) throw new Error(`PostgreSQL could not be started in ${folder}: ${services.unavailable.postgres ?? 'no reason given'}; or set AGENTLAB_BENCH_POSTGRES_URL`);
  return {
    adminUrl: services.postgresUrl,
    stop: async () => {
      execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', '--keep', folder], { cwd: repositoryRoot });
    },
  };
}
