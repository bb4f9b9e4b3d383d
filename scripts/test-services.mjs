#!/usr/bin/env node
// Starts and stops the services the tests need beyond Node: a throwaway redis-server for the Redis
// queue backend (queue/) and a throwaway PostgreSQL cluster for the PostgreSQL store backend (store/).
// `.ci/run` and vitest's global setup both go through here, so CI and a fresh clone start them the
// same way: Debian's packages (installed with apt-get when missing and this process may), on free
// loopback ports, their data in one temp folder, nothing kept.
//
//   node scripts/test-services.mjs start [redis] [postgres]          prints {"redisUrl", "postgresUrl", "directory", "unavailable"} as JSON
//   node scripts/test-services.mjs start --shell [redis] [postgres]  prints `export AGENTLAB_TEST_…=…` lines for eval
//   node scripts/test-services.mjs stop <dir>                        stops what `start` started in <dir> and removes it
//   node scripts/test-services.mjs start --keep <dir> postgres       a PostgreSQL cluster kept in <dir>: made there the first time,
//                                                                    started on what it holds after (the benchmarks keep one filled)
//   node scripts/test-services.mjs stop --keep <dir>                 stops it with a checkpoint, leaving <dir> for next time
//
// With no names both start. In JSON mode a service that cannot start is named in `unavailable` with
// the reason (the tests that need it fail with it) and the others still run; `--shell` is for CI, where
// every service must run: when one cannot start, what did start is stopped and it exits 3 with the reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const redisInstallHint = 'the Redis queue tests need Debian\'s redis-server: install it with `sudo apt-get install -y redis-server` (or put a redis-server on PATH), or set AGENTLAB_TEST_REDIS_URL to a Redis the tests may write to';
const postgresInstallHint = 'the PostgreSQL store tests need Debian\'s PostgreSQL server: install it with `sudo apt-get install -y postgresql` (or put initdb and pg_ctl on PATH), or set AGENTLAB_TEST_POSTGRES_URL to a PostgreSQL (a superuser, or a role that may CREATE DATABASE) the tests may write to';
// The role the throwaway cluster is made with; it is its superuser, so tests can make a database each.
const postgresRole = 'agentlab';

class ServiceUnavailable extends Error {}

function which(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

function aptInstall(packageName, what) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  process.stderr.write(`${what} is missing: installing Debian's ${packageName} with apt-get…\n`);
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env: environment });
  spawnSync('apt-get', ['install', '-y', packageName], { stdio: ['ignore', 'ignore', 'inherit'], env: environment });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends the signal to the pid on the file's first line, and waits for the process to be gone. */
async function stopByPidFile(pidFile, signal) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0].trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, signal);
  } catch {
    return; // Already gone.
  }
  // Its folder is removed only once it has let go of it.
  for (let tries = 0; tries < 100 && isAlive(pid); tries += 1) await sleep(100);
}

// Redis

function findRedisServer() {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  return which('redis-server');
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });
}

async function startRedis(directory) {
  let executable = findRedisServer();
  if (!executable) {
    aptInstall('redis-server', 'redis-server');
    executable = findRedisServer();
  }
  if (!executable) throw new ServiceUnavailable(`redis-server not found: ${redisInstallHint}.`);
  const port = await freePort();
  // Daemonized, so it outlives this short script; `stop` ends it by the pid it writes.
  execFileSync(executable, [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
    '--dir', directory, '--save', '', '--appendonly', 'no',
    '--daemonize', 'yes', '--pidfile', join(directory, 'redis.pid'), '--logfile', join(directory, 'redis.log'),
  ]);
  for (let tries = 0; tries < 100; tries += 1) {
    if (await ping(port)) return `redis://127.0.0.1:${port}`;
    await sleep(100);
  }
  const log = existsSync(join(directory, 'redis.log')) ? readFileSync(join(directory, 'redis.log'), 'utf8').slice(-2000) : '';
  await stopRedis(directory);
  throw new ServiceUnavailable(`redis-server did not answer on port ${port} within 10 s.\n${log}`);
}

function stopRedis(directory) {
  return stopByPidFile(join(directory, 'redis.pid'), 'SIGTERM');
}

// PostgreSQL

/** The folder holding initdb and pg_ctl: the newest of Debian's /usr/lib/postgresql/<major>/bin, else PATH's. */
function findPostgresBin() {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const bin = join(debianRoot, major, 'bin');
      if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  const initdb = which('initdb');
  return initdb && which('pg_ctl') ? join(initdb, '..') : undefined;
}

/**
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system user
 * (Debian's package makes it) or else `nobody`, and its commands run as that user.
 */
function postgresUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const found = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const uid = Number(found.stdout.trim());
    if (found.status !== 0 || !Number.isInteger(uid) || uid === 0) continue;
    const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
    return { name, uid, gid };
  }
  throw new ServiceUnavailable('PostgreSQL cannot run as root and neither a `postgres` nor a `nobody` user exists to run it as.');
}

function runAs(user, executable, args) {
  const [command, commandArgs] = user ? ['runuser', ['-u', user.name, '--', executable, ...args]] : [executable, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().slice(-2000);
    throw new ServiceUnavailable(`${executable.split('/').pop()} failed (exit ${result.status}): ${output || result.error?.message || 'no output'}`);
  }
  return result.stdout;
}

/** With `keep`, a cluster already made in the folder is started on as it is, and stopped with a checkpoint. */
async function startPostgres(directory, { keep = false } = {}) {
  let bin = findPostgresBin();
  if (!bin) {
    aptInstall('postgresql', 'PostgreSQL (initdb, pg_ctl)');
    bin = findPostgresBin();
  }
  if (!bin) throw new ServiceUnavailable(`PostgreSQL's initdb and pg_ctl not found: ${postgresInstallHint}.`);
  const user = postgresUser();
  const home = join(directory, 'postgres');
  const data = join(home, 'data');
  const made = keep && existsSync(join(data, 'PG_VERSION'));
  // A kept cluster another process has running (another benchmark) is theirs: neither started nor stopped here.
  const runningPid = made && existsSync(join(data, 'postmaster.pid')) ? Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim()) : undefined;
  if (runningPid && isAlive(runningPid)) throw new ServiceUnavailable(`the PostgreSQL cluster kept in ${directory} is running already (pid ${runningPid}): another benchmark is using it; wait for it to finish`);
  mkdirSync(home, { recursive: true });
  if (user) {
    chownSync(directory, user.uid, user.gid);
    chownSync(home, user.uid, user.gid);
  }
  // --no-sync and the settings below trade durability for speed: the cluster lives for one test run
  // (a kept one is stopped with a checkpoint, which writes everything out).
  if (!made) runAs(user, join(bin, 'initdb'), ['-D', data, '-U', postgresRole, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const settings = [
    `-p ${port}`, `-k ${home}`, '-c listen_addresses=127.0.0.1',
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
  ].join(' ');
  try {
    runAs(user, join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(home, 'postgres.log'), '-w', '-t', '30', '-o', settings]);
  } catch (error) {
    const log = existsSync(join(home, 'postgres.log')) ? readFileSync(join(home, 'postgres.log'), 'utf8').slice(-2000) : '';
    // Not a kept cluster a pid file says is someone else's: this start may have lost a race for it.
    if (!keep || !existsSync(join(data, 'postmaster.pid'))) await stopPostgres(directory, { keep });
    throw new ServiceUnavailable(`PostgreSQL did not start on port ${port}: ${error.message}\n${log}`);
  }
  return `postgres://${postgresRole}@127.0.0.1:${port}/postgres`;
}

function stopPostgres(directory, { keep = false } = {}) {
  // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, which a cluster about to be removed does
  // not need; a kept one gets SIGINT, the fast shutdown, which checkpoints so its data is whole next time.
  return stopByPidFile(join(directory, 'postgres', 'data', 'postmaster.pid'), keep ? 'SIGINT' : 'SIGQUIT');
}

// Commands

const services = {
  redis: { start: startRedis, stop: stopRedis, urlKey: 'redisUrl', variable: 'AGENTLAB_TEST_REDIS' },
  postgres: { start: startPostgres, stop: stopPostgres, urlKey: 'postgresUrl', variable: 'AGENTLAB_TEST_POSTGRES' },
};

async function start(names) {
  const directory = mkdtempSync(join(tmpdir(), 'agentlab-test-services-'));
  const started = { directory, unavailable: {} };
  for (const name of names) {
    try {
      started[services[name].urlKey] = await services[name].start(directory);
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) {
        await stop(directory);
        throw error;
      }
      started.unavailable[name] = error.message;
    }
  }
  return started;
}

async function stop(directory) {
  if (!directory || !directory.includes('agentlab-test-services-')) throw new Error(`Not a test services folder: ${directory}`);
  for (const service of Object.values(services)) await service.stop(directory);
  rmSync(directory, { recursive: true, force: true });
}

const shellQuote = (value) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;

const [command, ...rest] = process.argv.slice(2);
const keepAt = rest.indexOf('--keep');
if (keepAt !== -1 && (rest[keepAt + 1] === undefined || rest[keepAt + 1].startsWith('--'))) {
  process.stderr.write('--keep needs the folder to keep the cluster in\n');
  process.exit(2);
}
const kept = keepAt === -1 ? undefined : resolve(rest.splice(keepAt, 2)[1]);
if (command === 'start' && kept) {
  const named = rest.filter((argument) => argument !== '--shell');
  if (named.length !== 1 || named[0] !== 'postgres') {
    process.stderr.write('--keep keeps a PostgreSQL cluster only: start --keep <dir> postgres\n');
    process.exit(2);
  }
  mkdirSync(kept, { recursive: true });
  try {
    process.stdout.write(`${JSON.stringify({ directory: kept, postgresUrl: await startPostgres(kept, { keep: true }), unavailable: {} })}\n`);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    process.stdout.write(`${JSON.stringify({ directory: kept, unavailable: { postgres: error.message } })}\n`);
  }
} else if (command === 'stop' && kept) {
  await stopPostgres(kept, { keep: true });
} else if (command === 'start') {
  const shell = rest.includes('--shell');
  const named = rest.filter((argument) => argument !== '--shell');
  const unknown = named.filter((name) => !(name in services));
  if (unknown.length > 0) {
    process.stderr.write(`unknown service ${unknown.join(', ')}: known are ${Object.keys(services).join(', ')}\n`);
    process.exit(2);
  }
  const started = await start(named.length > 0 ? named : Object.keys(services));
  if (!shell) {
    process.stdout.write(`${JSON.stringify(started)}\n`);
  } else if (Object.keys(started.unavailable).length > 0) {
    await stop(started.directory);
    process.stderr.write(`${Object.values(started.unavailable).join('\n')}\n`);
    process.exit(3);
  } else {
    const lines = Object.entries(services)
      .filter(([, service]) => started[service.urlKey])
      .map(([, service]) => `export ${service.variable}_URL=${shellQuote(started[service.urlKey])}`);
    lines.push(`export AGENTLAB_TEST_SERVICES_DIR=${shellQuote(started.directory)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} else if (command === 'stop') {
  await stop(rest[0]);
} else {
  process.stderr.write('usage: node scripts/test-services.mjs start [--shell] [redis] [postgres] | stop <directory> | start --keep <directory> postgres | stop --keep <directory>\n');
  process.exit(2);
}
